import type { EligibilityContext } from '../engine/eligibility.ts';
import { planAssignments, type RoutingSnapshot } from '../engine/plan.ts';
import { DEFAULT_PRIORITY_PARAMS } from '../engine/priority.ts';
import { SeededRandom } from '../engine/random.ts';
import type { AgentState, WaitingConversation } from '../engine/types.ts';

const SKILLS = ['billing', 'tech', 'complaints', 'logistics', 'presales', 'returns'];
const TEAMS = ['general', 'vip_desk', 'billing', 'tech'];
const NOW = 10 * 3600_000;

function randomAgent(random: SeededRandom, i: number): AgentState {
  const skills: Record<string, number> = {};
  for (const skill of SKILLS) if (random.chance(0.4)) skills[skill] = random.int(1, 5);
  return {
    id: `a${String(i).padStart(4, '0')}`,
    online: random.chance(0.9),
    skills,
    languages: random.chance(0.5) ? ['zh'] : ['zh', 'en'],
    teams: [random.pick(TEAMS), ...(random.chance(0.3) ? [random.pick(TEAMS)] : [])],
    level: random.pick([1, 2, 3] as const),
    capacity: { web_widget: random.int(1, 4), api: random.int(0, 2) },
    load: {},
    lastAssignedAt: random.int(0, NOW),
  };
}

function randomConversation(random: SeededRandom, id: string, enqueuedAt: number): WaitingConversation {
  return {
    id,
    team: random.pick(TEAMS),
    channel: random.chance(0.8) ? 'web_widget' : 'api',
    language: random.chance(0.8) ? 'zh' : 'en',
    skills: random.chance(0.6) ? { [random.pick(SKILLS)]: random.int(1, 4) } : {},
    level: random.pick([1, 1, 2, 3] as const),
    valueTier: random.pick(['vip', 'regular', 'regular', 'new'] as const),
    complexity: random.next(),
    sentiment: random.next() * 2 - 1,
    enqueuedAt,
    reservedFor: null,
  };
}

/** A workspace's routing state as the assigner reads it (what `loadRoutingState` returns, engine part). */
export interface RoutingWorld {
  agents: AgentState[];
  waiting: WaitingConversation[];
  context: EligibilityContext;
  now: number;
}

/**
 * 1,000 agents and 10,000 waiting conversations as the assigner leaves them after a pass: every agent who could take
 * one of the waiting conversations is full (the pass gave them all they could take); agents still with room are the
 * ones nobody in the line fits. Made by running the plan once over a longer line and keeping 10,000 of the rest.
 */
export function steadyWorld(options: { agents?: number; waiting?: number; seed?: number } = {}): RoutingWorld {
  const random = new SeededRandom(options.seed ?? 7);
  const waitingCount = options.waiting ?? 10_000;
  const agents = Array.from({ length: options.agents ?? 1000 }, (_, i) => randomAgent(random, i));
  const context: EligibilityContext = { openTeams: new Map(TEAMS.map((t) => [t, true])) };
  let room = 0;
  for (const agent of agents) if (agent.online) room += (agent.capacity.web_widget ?? 0) + (agent.capacity.api ?? 0);
  const line = Array.from({ length: waitingCount + room }, (_, i) =>
    randomConversation(random, `c${String(i).padStart(5, '0')}`, NOW - random.int(0, 3600_000)),
  );
  const settled = planAssignments({
    agents,
    waiting: line,
    params: DEFAULT_PRIORITY_PARAMS,
    strategy: 'best_match',
    context,
    now: NOW,
  });
  const assigned = new Set(settled.assignments.map((a) => a.conversationId));
  // Leaving conversations out cannot make an agent with room able to take one: the state stays settled.
  const waiting = line.filter((c) => !assigned.has(c.id)).slice(0, waitingCount);
  return { agents: settled.agents, waiting, context, now: NOW };
}

function withAgent(agents: readonly AgentState[], index: number, agent: AgentState): AgentState[] {
  const copy = agents.slice();
  copy[index] = agent;
  return copy;
}

export interface DecisionCase {
  name: string;
  /** What the snapshot holds: agents, waiting, agents with room when the pass starts. */
  agents: number;
  waiting: number;
  free_agents: { min: number; max: number };
  assigned_per_pass: number;
  wall: { p50: number; p99: number; max: number };
  cpu: { p50: number; p99: number; max: number };
}

const quantiles = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0) * 1000) / 1000;
  return { p50: at(0.5), p99: at(0.99), max: at(1) };
};

/**
 * Times the routing decision the live assigner makes (commands/assign-waiting.ts): `planAssignments`, given all
 * agents of the workspace and the whole line. The assigner itself passes only the part of the line an agent with
 * room could take (snapshot.ts), so this is an upper bound; bench/routing-load.ts times the decision on exactly what
 * it reads, and the read. Three cases, each `samples` times:
 * - freed: the steady state above, one agent (picked at random) has just finished a conversation;
 * - arrival, line empty: a conversation arrives while many agents have room (most online agents below capacity);
 * - arrival, long line: a conversation joins the steady state's 10,000 (the agents with room are the unfitting ones).
 */
export function timeDecisions(options: { agents?: number; waiting?: number; samples?: number; seed?: number } = {}) {
  const samples = options.samples ?? 1000;
  const world = steadyWorld(options);
  const random = new SeededRandom((options.seed ?? 7) + 1);
  const busy = world.agents
    .map((agent, index) => ({ agent, index }))
    .filter(({ agent }) => agent.online && Object.values(agent.load).some((n) => n > 0));
  const quiet = world.agents.map((agent) => ({
    ...agent,
    load: {
      web_widget: random.int(0, agent.capacity.web_widget ?? 0),
      api: random.int(0, agent.capacity.api ?? 0),
    },
  }));
  const snapshot = (agents: AgentState[], waiting: WaitingConversation[], now: number): RoutingSnapshot => ({
    agents,
    waiting,
    params: DEFAULT_PRIORITY_PARAMS,
    strategy: 'best_match',
    context: world.context,
    now,
  });
  const builders: Array<{ name: string; make: (i: number) => RoutingSnapshot }> = [
    {
      name: 'freed: 1 agent frees capacity, 10,000 waiting',
      make: (i) => {
        const { agent, index } = random.pick(busy);
        const channel = Object.keys(agent.load).find((c) => (agent.load[c] ?? 0) > 0) as string;
        const freed = { ...agent, load: { ...agent.load, [channel]: (agent.load[channel] ?? 0) - 1 } };
        return snapshot(withAgent(world.agents, index, freed), world.waiting, world.now + i * 50);
      },
    },
    {
      name: 'arrival, line empty: many agents with room',
      make: (i) => snapshot(quiet, [randomConversation(random, `new${i}`, world.now + i * 50)], world.now + i * 50),
    },
    {
      name: 'arrival, 10,000 already waiting',
      make: (i) =>
        snapshot(
          world.agents,
          [...world.waiting, randomConversation(random, `new${i}`, world.now + i * 50)],
          world.now + i * 50,
        ),
    },
  ];
  const cases: DecisionCase[] = [];
  const allWall: number[] = [];
  const allCpu: number[] = [];
  for (const { name, make } of builders) {
    // Warm up the JIT the way a long-running server is warm.
    for (let i = 0; i < 30; i++) planAssignments(make(i));
    const wall: number[] = [];
    const cpu: number[] = [];
    let assigned = 0;
    let freeMin = Number.POSITIVE_INFINITY;
    let freeMax = 0;
    let input: RoutingSnapshot | undefined;
    for (let i = 0; i < samples; i++) {
      input = make(i); // built before the clock starts: the assigner has it from the load
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      const plan = planAssignments(input);
      wall.push(performance.now() - started);
      const used = process.cpuUsage(cpuStarted);
      cpu.push((used.user + used.system) / 1000);
      assigned += plan.assignments.length;
      let free = 0;
      for (const a of input.agents)
        if (a.online && Object.keys(a.capacity).some((c) => (a.capacity[c] ?? 0) > (a.load[c] ?? 0))) free++;
      freeMin = Math.min(freeMin, free);
      freeMax = Math.max(freeMax, free);
    }
    allWall.push(...wall);
    allCpu.push(...cpu);
    cases.push({
      name,
      agents: input?.agents.length ?? 0,
      waiting: input?.waiting.length ?? 0,
      free_agents: { min: freeMin, max: freeMax },
      assigned_per_pass: Math.round((assigned / samples) * 100) / 100,
      wall: quantiles(wall),
      cpu: quantiles(cpu),
    });
  }
  // Wall time includes being preempted on a busy machine; CPU time is what the decision itself costs, give or take
  // V8's background threads (process.cpuUsage counts the whole process: concurrent GC and compilation, tsx's loader
  // thread), which is why a sample's CPU can exceed its wall time.
  return { ...quantiles(allWall), cpu: quantiles(allCpu), samples: allWall.length, cases };
}
