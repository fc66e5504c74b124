import { canServe, type EligibilityContext, roomIn } from './eligibility.ts';
import { priorityOf, tierValue } from './priority.ts';
import type { AgentState, PriorityParams, WaitingConversation } from './types.ts';

/**
 * The waiting conversations kept in priority order between decisions, so the decision "which conversation does
 * this agent get" reads the top of a few sorted runs instead of scoring and comparing the whole queue.
 *
 * Why an order can be kept although priority changes with time: priority is a weighted sum in which only the two
 * time factors move, and both move at the same rate for every conversation of a channel (waiting grows by
 * `w.waiting / agingSeconds` per second; the share of the SLA used grows by `w.sla / sla` per second until it stops
 * at 2). So within one channel, conversations still inside their SLA ramp ("ramping") keep their mutual order
 * forever, and so do those past it ("capped"): each gets a fixed key, its score minus the part every member of the
 * run gains alike. The only change over time is a conversation crossing from ramping to capped, which happens in
 * arrival order and is applied lazily when a decision looks at that channel.
 *
 * The answer is the one `priorityOf` and the line order (priority, then arrival, then id) give: candidates found at
 * the top of each run are compared with the real priority. Assumes `enqueuedAt ≤ now` (a conversation is not queued
 * in the future).
 */
interface Entry {
  conversation: WaitingConversation;
  /** Fixed order key inside its run; higher first. */
  key: number;
  /** The part of the score that does not depend on time. */
  base: number;
}

/** Keys equal up to float rounding are compared again with the real priority. */
const KEY_EPSILON = 1e-7;

interface Found {
  best: WaitingConversation | undefined;
  priority: number;
}

/** Descending key, then arrival, then id: the line order. */
function before(a: Entry, b: Entry): boolean {
  if (a.key !== b.key) return a.key > b.key;
  const ca = a.conversation;
  const cb = b.conversation;
  if (ca.enqueuedAt !== cb.enqueuedAt) return ca.enqueuedAt < cb.enqueuedAt;
  return ca.id < cb.id;
}

/** A run kept sorted in line order (binary search and splice: memmove of a few thousand pointers is cheap). */
class SortedRun {
  readonly entries: Entry[] = [];

  private slot(entry: Entry): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (before(this.entries[mid] as Entry, entry)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  insert(entry: Entry): void {
    this.entries.splice(this.slot(entry), 0, entry);
  }

  remove(entry: Entry): void {
    const at = this.slot(entry);
    if (this.entries[at] === entry) this.entries.splice(at, 1);
    else {
      const index = this.entries.indexOf(entry); // only if a key was computed differently; never expected
      if (index >= 0) this.entries.splice(index, 1);
    }
  }
}

/** One channel of one line: its ramping and capped runs, and the ramping ones in arrival order for the crossing. */
class ChannelLine {
  readonly ramping = new SortedRun();
  readonly capped = new SortedRun();
  /** Ramping entries by arrival (then id); the head crosses to capped first. */
  private readonly arrivals: Entry[] = [];
  private head = 0;

  constructor(
    /** Milliseconds after arrival at which the SLA factor stops growing. */
    readonly capAfterMs: number,
    private readonly keyOf: (entry: Entry, capped: boolean) => number,
  ) {}

  get size(): number {
    return this.ramping.entries.length + this.capped.entries.length;
  }

  add(entry: Entry, now: number): void {
    if (now - entry.conversation.enqueuedAt >= this.capAfterMs) {
      entry.key = this.keyOf(entry, true);
      this.capped.insert(entry);
      return;
    }
    entry.key = this.keyOf(entry, false);
    this.ramping.insert(entry);
    // Arrivals come almost always in order: search from the end.
    let at = this.arrivals.length;
    while (at > this.head && !arrivedBefore(this.arrivals[at - 1] as Entry, entry)) at--;
    this.arrivals.splice(at, 0, entry);
  }

  remove(entry: Entry): void {
    const at = this.arrivals.indexOf(entry, this.head);
    if (at >= 0) {
      this.arrivals.splice(at, 1);
      this.ramping.remove(entry);
    } else this.capped.remove(entry);
  }

  /** Moves the conversations whose SLA factor has stopped growing to the capped run. */
  advance(now: number): void {
    while (this.head < this.arrivals.length) {
      const entry = this.arrivals[this.head] as Entry;
      if (now - entry.conversation.enqueuedAt < this.capAfterMs) break;
      this.head++;
      this.ramping.remove(entry);
      entry.key = this.keyOf(entry, true);
      this.capped.insert(entry);
    }
    if (this.head > 64 && this.head * 2 > this.arrivals.length) {
      this.arrivals.splice(0, this.head);
      this.head = 0;
    }
  }
}

function arrivedBefore(a: Entry, b: Entry): boolean {
  const ca = a.conversation;
  const cb = b.conversation;
  return ca.enqueuedAt !== cb.enqueuedAt ? ca.enqueuedAt < cb.enqueuedAt : ca.id < cb.id;
}

const lineKeyOf = (conversation: WaitingConversation) =>
  conversation.reservedFor ? `@${conversation.reservedFor}` : conversation.team;

/**
 * The queue of one workspace, indexed by line (a team, or `@agent` for a conversation reserved for one agent) and
 * channel, for one set of priority parameters (build a new one when the workspace's weights change).
 */
export class WaitingLines {
  private readonly lines = new Map<string, Map<string, ChannelLine>>();
  private readonly byId = new Map<string, { entry: Entry; line: ChannelLine }>();
  /** Keys are taken relative to this instant, so they stay small numbers with full float precision. */
  private readonly origin: number;
  private readonly agingRate: number;

  constructor(
    private readonly params: PriorityParams,
    now: number,
    waiting: Iterable<WaitingConversation> = [],
  ) {
    this.origin = now;
    const w = params.weights;
    this.agingRate = w.waiting / Math.max(1, params.agingSeconds);
    for (const conversation of waiting) this.add(conversation, now);
  }

  get size(): number {
    return this.byId.size;
  }

  has(conversationId: string): boolean {
    return this.byId.has(conversationId);
  }

  /** Adds (or replaces) a waiting conversation. */
  add(conversation: WaitingConversation, now: number): void {
    this.remove(conversation.id);
    const w = this.params.weights;
    const base =
      w.value * tierValue(this.params, conversation.valueTier) +
      w.complexity * clamp01(conversation.complexity) +
      w.sentiment * clamp01((1 - conversation.sentiment) / 2);
    const line = this.channelLine(lineKeyOf(conversation), conversation.channel);
    const entry: Entry = { conversation, key: 0, base };
    line.add(entry, now);
    this.byId.set(conversation.id, { entry, line });
  }

  remove(conversationId: string): boolean {
    const found = this.byId.get(conversationId);
    if (!found) return false;
    found.line.remove(found.entry);
    this.byId.delete(conversationId);
    return true;
  }

  /**
   * The highest-priority conversation this agent can take now (online, room on its channel, eligible), or
   * undefined. Looks only at the lines the agent serves and the channels they have room on, and in each run only
   * from the top down to the first conversation they may take.
   */
  bestFor(agent: AgentState, context: EligibilityContext, now: number): WaitingConversation | undefined {
    if (!agent.online) return undefined;
    const found: Found = { best: undefined, priority: 0 };
    this.scanLine(this.lines.get(`@${agent.id}`), agent, context, now, found);
    for (let i = 0; i < agent.teams.length; i++) {
      const team = agent.teams[i] as string;
      if (agent.teams.indexOf(team) !== i || context.openTeams.get(team) === false) continue;
      this.scanLine(this.lines.get(team), agent, context, now, found);
    }
    if (context.borrowed)
      for (const [team, lenders] of context.borrowed) {
        if (agent.teams.includes(team) || context.openTeams.get(team) === false) continue;
        if (lenders.some((lender) => agent.teams.includes(lender)))
          this.scanLine(this.lines.get(team), agent, context, now, found);
      }
    return found.best;
  }

  private scanLine(
    line: Map<string, ChannelLine> | undefined,
    agent: AgentState,
    context: EligibilityContext,
    now: number,
    found: Found,
  ): void {
    if (!line) return;
    for (const [channel, channelLine] of line) {
      if (channelLine.size === 0 || roomIn(agent, channel) <= 0) continue;
      channelLine.advance(now);
      this.scanRun(channelLine.capped, agent, context, now, found);
      this.scanRun(channelLine.ramping, agent, context, now, found);
    }
  }

  /** From the top of a run down to the first conversation the agent may take (and its float-rounding ties). */
  private scanRun(run: SortedRun, agent: AgentState, context: EligibilityContext, now: number, found: Found): void {
    const entries = run.entries;
    let firstKey = Number.NaN;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as Entry;
      if (entry.key < firstKey - KEY_EPSILON) return;
      const conversation = entry.conversation;
      if (!canServe(agent, conversation, context)) continue;
      if (Number.isNaN(firstKey)) firstKey = entry.key;
      const priority = priorityOf(this.params, conversation, now);
      if (!found.best || outranks(priority, conversation, found.priority, found.best)) {
        found.best = conversation;
        found.priority = priority;
      }
    }
  }

  private channelLine(lineKey: string, channel: string): ChannelLine {
    let line = this.lines.get(lineKey);
    if (!line) {
      line = new Map();
      this.lines.set(lineKey, line);
    }
    let channelLine = line.get(channel);
    if (!channelLine) {
      const sla = Math.max(1, this.params.slaSeconds[channel] ?? this.params.slaSeconds.default);
      const slaRate = this.params.weights.sla / sla;
      const aging = this.agingRate;
      const origin = this.origin;
      const capSla = 2 * this.params.weights.sla;
      // Score at time t = key + (rate × (t − origin)) / 1000, the same rate for every entry of the run.
      channelLine = new ChannelLine(2000 * sla, (entry, capped) => {
        const since = (entry.conversation.enqueuedAt - origin) / 1000;
        return capped ? entry.base + capSla - aging * since : entry.base - (aging + slaRate) * since;
      });
      line.set(channel, channelLine);
    }
    return channelLine;
  }
}

const clamp01 = (n: number) => (n < 0 ? 0 : Math.min(n, 1));

/** compareWaiting's order (priority, then arrival, then id), inlined for the hot path. */
function outranks(
  priority: number,
  conversation: WaitingConversation,
  bestPriority: number,
  best: WaitingConversation,
): boolean {
  if (priority !== bestPriority) return priority > bestPriority;
  if (conversation.enqueuedAt !== best.enqueuedAt) return conversation.enqueuedAt < best.enqueuedAt;
  return conversation.id < best.id;
}
