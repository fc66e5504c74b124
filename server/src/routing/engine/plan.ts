import {
  type EligibilityContext,
  type PreparedTaker,
  prepareTaker,
  reachOf,
  indexIn as sharedIndexIn,
  withinReach,
} from './eligibility.ts';
import {
  compareWaiting,
  fixedScore,
  type PriorityScale,
  priorityScale,
  scaledPriority,
  slaDivisor,
  tierValue,
} from './priority.ts';
import { chooseAgent } from './strategies.ts';
import type { AgentState, Assignment, PriorityParams, Strategy, WaitingConversation } from './types.ts';

export interface RoutingSnapshot {
  agents: AgentState[];
  waiting: WaitingConversation[];
  /**
   * True when `waiting` was read already cut to the reach (reachOf) of these agents, as the assigner reads it: the
   * pass then does not filter it a second time. Only a saving: a conversation out of reach left in changes no
   * decision.
   */
  waitingInReach?: boolean;
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
  const scale = priorityScale(params);
  return waiting
    .map((c) => ({ ...c, priority: scaledPriority(scale, fixedScore(scale, c), slaDivisor(scale, c.channel), c, now) }))
    .sort(compareWaiting);
}

/** Room on some channel. roomIn inlined: this runs for each of the 1,000 agents every pass. */
function hasRoom(agent: AgentState): boolean {
  const { capacity, load } = agent;
  for (const channel in capacity) if ((capacity[channel] ?? 0) - (load[channel] ?? 0) > 0) return true;
  return false;
}

/**
 * Up to this many agents with room, the plan is found by scanning the line once per agent (no ranking); above it, by
 * ranking the line once. Both give the same plan (plan-methods.test.ts replays random snapshots through both); the
 * scans cost about (agents + assignments) × line, the ranking line × log(line) plus line × agents at worst.
 */
export const SCAN_AGENTS_MAX = 8;

/**
 * Every assignment to make now, in priority order: each waiting conversation, highest first, goes to the agent its
 * strategy prefers among those who can take it. One pass is enough: room only shrinks during the pass, so a
 * conversation that found nobody would find nobody later either. The result's agents with room are copies with
 * their loads updated, the others the input's own objects; the inputs are not touched. Only agents with room are
 * looked at, and only conversations within their reach (reachOf: team or reservation, channel with room), so a long
 * queue facing a full team costs one filtering pass, or none when the caller read only that part (waitingInReach).
 *
 * The usual pass, one agent freeing capacity in front of a long line, does not rank the line: with few agents with
 * room, each one's best conversation is found by a scan (see planByScans).
 */
export function planAssignments(
  snapshot: RoutingSnapshot,
  method: 'auto' | 'scans' | 'ranking' = 'auto',
): { assignments: Assignment[]; agents: AgentState[] } {
  const agents = snapshot.agents.slice();
  const pass: Pass = { agents, free: [], copies: new Set(), assignments: [], now: snapshot.now };
  if (snapshot.strategy === 'manual') return { assignments: pass.assignments, agents };
  for (const agent of agents) if (agent.online && hasRoom(agent)) pass.free.push(agent);
  if (pass.free.length > 0) {
    const byScans = method === 'scans' || (method === 'auto' && pass.free.length <= SCAN_AGENTS_MAX);
    // One agent's scan checks team and channel itself: a filtering pass first would only add a pass over the line.
    // Nor is one conversation worth filtering: the filter reads every agent with room (712 in the bench's arrival),
    // as does the one strategy choice it could spare.
    const line =
      snapshot.waitingInReach || (byScans && pass.free.length === 1) || snapshot.waiting.length <= 1
        ? snapshot.waiting
        : withinReach(reachOf(pass.free, snapshot.context), snapshot.waiting);
    if (line.length > 0) (byScans ? planByScans : planByRanking)(snapshot, pass, line);
  }
  return { assignments: pass.assignments, agents };
}

/**
 * One planning pass. Only the agents given a conversation change: each is copied when first given one (copying all
 * 1,000 agents up front would cost more than the rest of a usual pass), so the input is never touched.
 */
interface Pass {
  /** The result's agents: the input's objects, except the copies of those given a conversation. */
  agents: AgentState[];
  /** Agents with room, in input order. */
  free: AgentState[];
  copies: Set<AgentState>;
  assignments: Assignment[];
  now: number;
}

/** Gives the conversation to the agent; drops them from `free` when they are full. Returns the agent's copy. */
function give(pass: Pass, conversation: WaitingConversation, given: AgentState): AgentState {
  let agent = given;
  if (!pass.copies.has(agent)) {
    agent = { ...given, load: { ...given.load } };
    pass.copies.add(agent);
    pass.agents[pass.agents.indexOf(given)] = agent;
    pass.free[pass.free.indexOf(given)] = agent;
  }
  agent.load[conversation.channel] = (agent.load[conversation.channel] ?? 0) + 1;
  agent.lastAssignedAt = pass.now;
  pass.assignments.push({ conversationId: conversation.id, agentId: agent.id });
  if (!hasRoom(agent)) pass.free.splice(pass.free.indexOf(agent), 1);
  return agent;
}

/** The line ranked once, walked from the top; each conversation to the agent its strategy picks among the free. */
function planByRanking(snapshot: RoutingSnapshot, pass: Pass, waiting: readonly WaitingConversation[]): void {
  for (const conversation of rankWaiting(waiting, snapshot.params, snapshot.now)) {
    if (pass.free.length === 0) break;
    const agent = chooseAgent(snapshot.strategy, conversation, pass.free, snapshot.context);
    if (agent) give(pass, conversation, agent);
  }
}

/**
 * The same plan without ranking the line. The ranked walk assigns, each time, the highest-ranked conversation not
 * yet assigned that some agent with room can take now (those above it that were skipped had nobody then, and room
 * only shrinks). That conversation is the best among each free agent's own best, which one scan of the line finds.
 * After an assignment only the agents whose best was just taken (the chosen agent among them) scan again; the
 * others' best is unchanged (their room did not change and nothing above their best became takeable).
 * Priorities are computed only for conversations the scanning agent can take.
 */
function planByScans(snapshot: RoutingSnapshot, pass: Pass, waiting: readonly WaitingConversation[]): void {
  const { context, now } = snapshot;
  const { free } = pass;
  const scale = priorityScale(snapshot.params);
  // Nothing per conversation is allocated (no score array): a pass usually makes one scan, and a rescan scores again.
  const taken = new Set<WaitingConversation>();
  const scan = (agent: AgentState): Best | undefined => {
    const taker = prepareTaker(agent, context);
    const slaDivisors = taker.channels.map((channel) => slaDivisor(scale, channel));
    return scanLine(taker, slaDivisors, waiting, taken, scale, now);
  };
  const bestOf = new Map<AgentState, Best | undefined>();
  for (const agent of free) bestOf.set(agent, scan(agent));
  while (free.length > 0) {
    let top: Best | undefined;
    for (const agent of free) {
      const best = bestOf.get(agent);
      if (best && (!top || ranksBefore(best.priority, best.conversation, top))) top = best;
    }
    if (!top) return;
    const conversation = top.conversation;
    const chosen = chooseAgent(snapshot.strategy, conversation, free, context);
    if (!chosen) return; // cannot happen: the agent whose best it is can take it
    taken.add(conversation);
    const agent = give(pass, conversation, chosen);
    bestOf.delete(chosen);
    for (const other of free) {
      if (other === agent || bestOf.get(other)?.conversation === conversation) bestOf.set(other, scan(other));
    }
  }
}

/**
 * The best conversation (compareWaiting's order) this prepared agent can take now, not yet taken: canTakeNow and
 * priorityOf inlined into one loop, since this loop over 10,000 conversations is most of a usual pass. The cheap
 * tests come first (line, level, channel, language); the priority is worked out only for the conversations that
 * pass them, from numbers prepared once per pass (same result as priorityOf, bit for bit); the skill map is read
 * last, only for a conversation that would become the best.
 */
function scanLine(
  taker: PreparedTaker,
  slaDivisors: readonly number[],
  waiting: readonly WaitingConversation[],
  taken: ReadonlySet<WaitingConversation>,
  scale: PriorityScale,
  now: number,
): Best | undefined {
  if (!taker.online) return undefined;
  const { id, level, channels, teams, languages, skills } = taker;
  const anyLanguage = languages.length === 0;
  const anyTaken = taken.size > 0;
  const { vip, regular, new: newcomer, params, agingDivisor, sum } = scale;
  const { value: wValue, complexity: wComplexity, sentiment: wSentiment, waiting: wWaiting, sla: wSla } = scale;
  let best: WaitingConversation | undefined;
  let bestPriority = 0;
  next: for (let i = 0; i < waiting.length; i++) {
    const conversation = waiting[i] as WaitingConversation;
    const reservedFor = conversation.reservedFor;
    let channel: number;
    if (reservedFor) {
      if (reservedFor !== id || level < 1) continue;
      channel = indexIn(channels, conversation.channel);
      if (channel < 0) continue;
    } else {
      if (indexIn(teams, conversation.team) < 0 || level < conversation.level) continue;
      channel = indexIn(channels, conversation.channel);
      if (channel < 0) continue;
      const language = conversation.language;
      if (language && !anyLanguage && indexIn(languages, language) < 0) continue;
    }
    if (anyTaken && taken.has(conversation)) continue;
    // scaledPriority(fixedScore(…)) inlined, the same operations in the same order (bit-identical): a call into
    // another module per conversation goes through its export binding.
    const tier = conversation.valueTier;
    const value =
      tier === 'vip' ? vip : tier === 'regular' ? regular : tier === 'new' ? newcomer : tierValue(params, tier);
    const complexity = conversation.complexity;
    const anger = (1 - conversation.sentiment) / 2;
    const fixed =
      wValue * value +
      wComplexity * (complexity < 0 ? 0 : Math.min(complexity, 1)) +
      wSentiment * (anger < 0 ? 0 : Math.min(anger, 1));
    const waitedSeconds = Math.max(0, now - conversation.enqueuedAt) / 1000;
    const score =
      fixed +
      wWaiting * (waitedSeconds / agingDivisor) +
      wSla * Math.min(2, waitedSeconds / (slaDivisors[channel] as number));
    const priority = sum > 0 ? score / sum : 0;
    if (
      !best ||
      priority > bestPriority ||
      (priority === bestPriority &&
        (conversation.enqueuedAt < best.enqueuedAt ||
          (conversation.enqueuedAt === best.enqueuedAt && conversation.id < best.id)))
    ) {
      // The skills last, and only for a conversation that would become the best: reading a skill map costs more
      // than the rest of the tests and the priority together, and the best changes a few times per scan. Skipping
      // the others without reading their skills changes nothing: whether or not the agent has the skills, a
      // conversation that does not rank before the best so far is not the best.
      if (!reservedFor) {
        const needs = conversation.skills;
        for (const skill in needs) if ((skills[skill] ?? 0) < (needs[skill] as number)) continue next;
      }
      best = conversation;
      bestPriority = priority;
    }
  }
  return best ? { conversation: best, priority: bestPriority } : undefined;
}

/**
 * The scan calls indexIn for every conversation: through a module-local binding, since a call through an import's
 * live binding cost the 10,000-conversation scan a tenth of its time (CPU p50 226 µs against 205 µs).
 */
const indexIn = sharedIndexIn;

interface Best {
  conversation: WaitingConversation;
  priority: number;
}

/** compareWaiting's order (priority, then arrival, then id): true when the conversation comes before `best`. */
function ranksBefore(priority: number, conversation: WaitingConversation, best: Best): boolean {
  if (priority !== best.priority) return priority > best.priority;
  if (conversation.enqueuedAt !== best.conversation.enqueuedAt)
    return conversation.enqueuedAt < best.conversation.enqueuedAt;
  return conversation.id < best.conversation.id;
}
