import { canTakeNow, type EligibilityContext } from './eligibility.ts';
import type { AgentState, Strategy, WaitingConversation } from './types.ts';

function loadRatio(agent: AgentState): number {
  let load = 0;
  let capacity = 0;
  for (const channel in agent.capacity) {
    capacity += agent.capacity[channel] as number;
    load += agent.load[channel] ?? 0;
  }
  return capacity > 0 ? load / capacity : 1;
}

/**
 * How well the agent's skills fit: the levels they bring on the required skills (a level-5 specialist beats a
 * level-2 generalist), less a little for each support level above the conversation's (keep specialists free).
 */
function skillFit(agent: AgentState, conversation: WaitingConversation): number {
  let fit = 0;
  for (const skill in conversation.skills) fit += agent.skills[skill] ?? 0;
  return fit - 0.5 * (agent.level - conversation.level);
}

/** Negative when `a` should get the conversation before `b`. */
type Preference = (a: AgentState, b: AgentState, conversation: WaitingConversation) => number;

const byId = (a: AgentState, b: AgentState) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const PREFERENCES: Record<Exclude<Strategy, 'manual'>, Preference> = {
  best_match: (a, b, conversation) =>
    skillFit(b, conversation) - skillFit(a, conversation) ||
    loadRatio(a) - loadRatio(b) ||
    a.lastAssignedAt - b.lastAssignedAt ||
    byId(a, b),
  // Whoever was given a conversation longest ago is next: the rotation survives restarts because it is stored.
  round_robin: (a, b) => a.lastAssignedAt - b.lastAssignedAt || byId(a, b),
};

/**
 * The agent this strategy gives the conversation to among those who can take it now, or undefined. Manual pick
 * never assigns by itself: agents choose from the queue.
 */
export function chooseAgent(
  strategy: Strategy,
  conversation: WaitingConversation,
  agents: Iterable<AgentState>,
  context: EligibilityContext,
): AgentState | undefined {
  if (strategy === 'manual') return undefined;
  if (strategy === 'best_match') return bestMatch(conversation, agents, context);
  return byPreference(strategy, conversation, agents, context);
}

/** The plain form: each eligible agent compared with the leader by the strategy's preference. */
function byPreference(
  strategy: Exclude<Strategy, 'manual'>,
  conversation: WaitingConversation,
  agents: Iterable<AgentState>,
  context: EligibilityContext,
): AgentState | undefined {
  const prefer = PREFERENCES[strategy];
  let best: AgentState | undefined;
  for (const agent of agents) {
    if (!canTakeNow(agent, conversation, context)) continue;
    if (!best || prefer(agent, best, conversation) < 0) best = agent;
  }
  return best;
}

/**
 * best_match's preference without recomputing the leader's skill fit and load for every comparison (a conversation
 * arriving is compared against every agent: 1,000 of them in the bench). Same order as PREFERENCES.best_match.
 */
function bestMatch(
  conversation: WaitingConversation,
  agents: Iterable<AgentState>,
  context: EligibilityContext,
): AgentState | undefined {
  let best: AgentState | undefined;
  let bestFit = 0;
  let bestLoad = 0;
  for (const agent of agents) {
    if (!canTakeNow(agent, conversation, context)) continue;
    const fit = skillFit(agent, conversation);
    if (best) {
      if (fit < bestFit) continue;
      if (fit === bestFit) {
        const load = loadRatio(agent);
        if (load > bestLoad) continue;
        if (
          load === bestLoad &&
          (agent.lastAssignedAt > best.lastAssignedAt ||
            (agent.lastAssignedAt === best.lastAssignedAt && agent.id >= best.id))
        )
          continue;
        best = agent;
        bestFit = fit;
        bestLoad = load;
        continue;
      }
    }
    best = agent;
    bestFit = fit;
    bestLoad = loadRatio(agent);
  }
  return best;
}
