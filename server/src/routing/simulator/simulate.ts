import type { EligibilityContext } from '../engine/eligibility.ts';
import { canTakeNow } from '../engine/eligibility.ts';
import { planAssignments } from '../engine/plan.ts';
import { DEFAULT_PRIORITY_PARAMS } from '../engine/priority.ts';
import { SeededRandom } from '../engine/random.ts';
import type { AgentState, Strategy, ValueTier, WaitingConversation } from '../engine/types.ts';

/** A day to replay: arrivals are Poisson, one hour busier; handle times and patience are exponential. */
export interface DayParams {
  seed: number;
  /** Hours the team is open. */
  hours: number;
  arrivalsPerHour: number;
  /** Which hour (0-based) is the surge hour, and how many times busier it is. */
  surgeHour: number;
  surgeFactor: number;
  handleSeconds: number;
  /** Mean seconds a customer waits before giving up. */
  patienceSeconds: number;
  tierMix: Record<ValueTier, number>;
  /** Share of conversations that need a specialist skill (billing or tech, half each). */
  skilledShare: number;
  agents: number;
  /** Conversations an agent handles at once. */
  concurrency: number;
  /** Answered within this many seconds counts toward the service level. */
  targetSeconds: number;
  /** Manual pick: how often agents look at the queue (seconds). */
  manualPollSeconds: number;
}

export const DEFAULT_DAY: DayParams = {
  seed: 20261126,
  hours: 10,
  arrivalsPerHour: 60,
  surgeHour: 3,
  surgeFactor: 3,
  handleSeconds: 480,
  patienceSeconds: 300,
  tierMix: { vip: 0.1, regular: 0.6, new: 0.3 },
  skilledShare: 0.4,
  agents: 8,
  concurrency: 2,
  targetSeconds: 60,
  manualPollSeconds: 30,
};

export interface StrategyResult {
  name: Strategy;
  offered: number;
  answered: number;
  service_level: number;
  wait_s: { mean: number; p90: number };
  abandon_rate: number;
  occupancy: number;
  vip_service_level: number;
}

interface Arrival extends WaitingConversation {
  handle: number;
  patience: number;
}

/** The day's customers, the same for every strategy (same seed). */
export function arrivalsOf(day: DayParams): Arrival[] {
  const random = new SeededRandom(day.seed);
  const arrivals: Arrival[] = [];
  const tiers = Object.entries(day.tierMix) as Array<[ValueTier, number]>;
  const totalMix = tiers.reduce((s, [, w]) => s + w, 0);
  let t = 0;
  const end = day.hours * 3600;
  while (true) {
    const hour = Math.floor(t / 3600);
    const rate = (day.arrivalsPerHour * (hour === day.surgeHour ? day.surgeFactor : 1)) / 3600;
    // Thinning would be exact; stepping with the current hour's rate is close enough for a staffing estimate.
    t += random.exponential(1 / rate);
    if (t >= end) break;
    const pick = random.next() * totalMix;
    let cumulative = 0;
    let tier: ValueTier = 'regular';
    for (const [name, weight] of tiers) {
      cumulative += weight;
      if (pick < cumulative) {
        tier = name;
        break;
      }
    }
    const skilled = random.chance(day.skilledShare);
    arrivals.push({
      id: `c${arrivals.length}`,
      team: 'general',
      channel: 'web_widget',
      language: null,
      skills: skilled ? { [random.chance(0.5) ? 'billing' : 'tech']: 1 } : {},
      level: 1,
      valueTier: tier,
      complexity: random.next(),
      sentiment: random.next() * 2 - 1,
      enqueuedAt: t * 1000,
      handle: random.exponential(day.handleSeconds),
      patience: random.exponential(day.patienceSeconds * (tier === 'vip' ? 1.5 : 1)),
    });
  }
  return arrivals;
}

/** Agents: everyone answers general questions; billing and tech skills alternate, a third have both. */
export function teamOf(day: DayParams): AgentState[] {
  return Array.from(
    { length: day.agents },
    (_, i): AgentState => ({
      id: `a${i}`,
      online: true,
      skills: i % 3 === 0 ? { billing: 2, tech: 2 } : i % 3 === 1 ? { billing: 3 } : { tech: 3 },
      languages: [],
      teams: ['general'],
      level: 1,
      capacity: { web_widget: day.concurrency },
      load: {},
      lastAssignedAt: 0,
    }),
  );
}

type Event = { at: number; kind: 'arrive' | 'finish' | 'giveUp' | 'poll'; id: string; agentId?: string };

/** A small binary heap on event time: the day has a few thousand events. */
class Timeline {
  private readonly heap: Event[] = [];
  push(event: Event) {
    const h = this.heap;
    h.push(event);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((h[p] as Event).at <= (h[i] as Event).at) break;
      [h[p], h[i]] = [h[i] as Event, h[p] as Event];
      i = p;
    }
  }
  pop(): Event | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && (h[l] as Event).at < (h[m] as Event).at) m = l;
        if (r < h.length && (h[r] as Event).at < (h[m] as Event).at) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i] as Event, h[m] as Event];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Replays the day against the team with one strategy, using the routing engine itself for every decision. Manual
 * pick: agents look at the line every `manualPollSeconds` and take the longest-waiting conversation they can serve.
 */
export function simulateDay(day: DayParams, strategy: Strategy): StrategyResult {
  const arrivals = arrivalsOf(day);
  const byId = new Map(arrivals.map((a) => [a.id, a]));
  let agents = teamOf(day);
  const context: EligibilityContext = { openTeams: new Map() };
  const timeline = new Timeline();
  for (const a of arrivals) timeline.push({ at: a.enqueuedAt, kind: 'arrive', id: a.id });
  if (strategy === 'manual') {
    for (let t = 0; t < day.hours * 3600 * 1000 + 4 * 3600_000; t += day.manualPollSeconds * 1000)
      timeline.push({ at: t, kind: 'poll', id: '' });
  }
  let waiting: Arrival[] = [];
  const waits: number[] = [];
  let vipWithin = 0;
  let vipOffered = 0;
  let abandoned = 0;
  let busyMs = 0;
  let lastEnd = day.hours * 3600_000;

  const start = (conversation: Arrival, agentId: string, now: number) => {
    const agent = agents.find((a) => a.id === agentId) as AgentState;
    agent.load.web_widget = (agent.load.web_widget ?? 0) + (strategy === 'manual' ? 1 : 0);
    const waited = (now - conversation.enqueuedAt) / 1000;
    waits.push(waited);
    if (conversation.valueTier === 'vip' && waited <= day.targetSeconds) vipWithin++;
    busyMs += conversation.handle * 1000;
    timeline.push({ at: now + conversation.handle * 1000, kind: 'finish', id: conversation.id, agentId });
  };

  for (let event = timeline.pop(); event; event = timeline.pop()) {
    const now = event.at;
    if (event.kind === 'arrive') {
      const conversation = byId.get(event.id) as Arrival;
      if (conversation.valueTier === 'vip') vipOffered++;
      waiting.push(conversation);
      timeline.push({ at: now + conversation.patience * 1000, kind: 'giveUp', id: conversation.id });
    } else if (event.kind === 'giveUp') {
      const before = waiting.length;
      waiting = waiting.filter((w) => w.id !== event.id);
      if (waiting.length < before) abandoned++;
      continue;
    } else if (event.kind === 'finish') {
      const agent = agents.find((a) => a.id === event.agentId) as AgentState;
      agent.load.web_widget = Math.max(0, (agent.load.web_widget ?? 0) - 1);
      lastEnd = Math.max(lastEnd, now);
    }
    if (strategy === 'manual') {
      if (event.kind !== 'poll') continue;
      for (const agent of agents) {
        for (;;) {
          const next = waiting.find((w) => canTakeNow(agent, w, context));
          if (!next) break;
          waiting = waiting.filter((w) => w !== next);
          start(next, agent.id, now);
        }
      }
      continue;
    }
    const plan = planAssignments({ agents, waiting, params: DEFAULT_PRIORITY_PARAMS, strategy, context, now });
    if (plan.assignments.length === 0) continue;
    agents = plan.agents;
    const taken = new Set(plan.assignments.map((a) => a.conversationId));
    const given = new Map(plan.assignments.map((a) => [a.conversationId, a.agentId]));
    for (const conversation of waiting)
      if (taken.has(conversation.id)) start(conversation, given.get(conversation.id) as string, now);
    waiting = waiting.filter((w) => !taken.has(w.id));
  }

  waits.sort((a, b) => a - b);
  const offered = arrivals.length;
  const within = waits.filter((w) => w <= day.targetSeconds).length;
  const mean = waits.reduce((s, w) => s + w, 0) / Math.max(1, waits.length);
  const p90 = waits[Math.min(waits.length - 1, Math.floor(waits.length * 0.9))] ?? 0;
  const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;
  return {
    name: strategy,
    offered,
    answered: waits.length,
    service_level: round(within / Math.max(1, offered)),
    wait_s: { mean: round(mean, 1), p90: round(p90, 1) },
    abandon_rate: round(abandoned / Math.max(1, offered)),
    occupancy: round(busyMs / (day.agents * day.concurrency * lastEnd)),
    vip_service_level: round(vipWithin / Math.max(1, vipOffered)),
  };
}
