import { canTakeNow, type EligibilityContext, roomIn } from './eligibility.ts';
import { compareWaiting, priorityOf } from './priority.ts';
import { chooseAgent } from './strategies.ts';
import type { AgentState, Assignment, PriorityParams, Strategy, WaitingConversation } from './types.ts';

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
 * Linear in the queue (no sort), so it stays fast with thousands waiting.
 */
export function nextConversationFor(
  agent: AgentState,
  waiting: readonly WaitingConversation[],
  params: PriorityParams,
  context: EligibilityContext,
  now: number,
): WaitingConversation | undefined {
  let best: { priority: number; enqueuedAt: number; id: string; conversation: WaitingConversation } | undefined;
  for (const conversation of waiting) {
    if (!canTakeNow(agent, conversation, context)) continue;
    const candidate = {
      priority: priorityOf(params, conversation, now),
      enqueuedAt: conversation.enqueuedAt,
      id: conversation.id,
      conversation,
    };
    if (!best || compareWaiting(candidate, best) < 0) best = candidate;
  }
  return best?.conversation;
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
