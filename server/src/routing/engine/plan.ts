import { canTakeNow, type EligibilityContext, roomIn } from './eligibility.ts';
import { compareWaiting, priorityOf } from './priority.ts';
import { chooseAgent } from './strategies.ts';
import type { AgentState, Assignment, PriorityParams, Strategy, WaitingConversation } from './types.ts';
import { WaitingLines } from './waiting-lines.ts';

export interface RoutingSnapshot {
  agents: AgentState[];
  waiting: WaitingConversation[];
  params: PriorityParams;
  strategy: Strategy;
  context: EligibilityContext;
  now: number;
}

export interface RankedConversation extends WaitingConversation {
  priority: number;
}

/** The line as everyone should see it: priority now, then arrival. */
export function rankWaiting(
  waiting: readonly WaitingConversation[],
  params: PriorityParams,
  now: number,
): RankedConversation[] {
  return waiting.map((c) => ({ ...c, priority: priorityOf(params, c, now) })).sort(compareWaiting);
}

function hasRoom(agent: AgentState): boolean {
  for (const channel in agent.capacity) if (roomIn(agent, channel) > 0) return true;
  return false;
}

/**
 * Every assignment to make now, in priority order: each waiting conversation, highest first, goes to the agent its
 * strategy prefers among those who can take it. One pass is enough: room only shrinks during the pass, so a
 * conversation that found nobody would find nobody later either. Loads in the result's agents are updated copies;
 * the inputs are not touched. Only agents with room are looked at, so a long queue facing a full team costs
 * little.
 */
export function planAssignments(snapshot: RoutingSnapshot): { assignments: Assignment[]; agents: AgentState[] } {
  const agents = snapshot.agents.map((a) => ({ ...a, load: { ...a.load } }));
  const assignments: Assignment[] = [];
  if (snapshot.strategy === 'manual') return { assignments, agents };
  let free = agents.filter((a) => a.online && hasRoom(a));
  for (const conversation of rankWaiting(snapshot.waiting, snapshot.params, snapshot.now)) {
    if (free.length === 0) break;
    const agent = chooseAgent(snapshot.strategy, conversation, free, snapshot.context);
    if (!agent) continue;
    agent.load[conversation.channel] = (agent.load[conversation.channel] ?? 0) + 1;
    agent.lastAssignedAt = snapshot.now;
    assignments.push({ conversationId: conversation.id, agentId: agent.id });
    if (!hasRoom(agent)) free = free.filter((a) => a !== agent);
  }
  return { assignments, agents };
}

/**
 * The decision when one agent frees capacity: the highest-priority conversation they can take, or undefined.
 * With a `WaitingLines` index (kept by the caller as conversations come and go) it reads the top of the agent's
 * sorted lines; with a plain list it scores every conversation once (no sort).
 */
export function nextConversationFor(
  agent: AgentState,
  waiting: readonly WaitingConversation[] | WaitingLines,
  params: PriorityParams,
  context: EligibilityContext,
  now: number,
): WaitingConversation | undefined {
  if (waiting instanceof WaitingLines) return waiting.bestFor(agent, context, now);
  let best: WaitingConversation | undefined;
  let bestPriority = 0;
  for (const conversation of waiting) {
    if (!canTakeNow(agent, conversation, context)) continue;
    const priority = priorityOf(params, conversation, now);
    // compareWaiting's order (priority, then arrival, then id), inlined.
    if (
      !best ||
      priority > bestPriority ||
      (priority === bestPriority &&
        (conversation.enqueuedAt < best.enqueuedAt ||
          (conversation.enqueuedAt === best.enqueuedAt && conversation.id < best.id)))
    ) {
      best = conversation;
      bestPriority = priority;
    }
  }
  return best;
}

/** The decision when a conversation arrives: the agent its strategy picks, or undefined (it waits). */
export function agentFor(
  conversation: WaitingConversation,
  agents: readonly AgentState[],
  strategy: Strategy,
  context: EligibilityContext,
): AgentState | undefined {
  return chooseAgent(strategy, conversation, agents, context);
}
