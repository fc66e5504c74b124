import type { EligibilityContext } from '../engine/eligibility.ts';
import { agentFor, nextConversationFor } from '../engine/plan.ts';
import { DEFAULT_PRIORITY_PARAMS } from '../engine/priority.ts';
import { SeededRandom } from '../engine/random.ts';
import type { AgentState, WaitingConversation } from '../engine/types.ts';
import { WaitingLines } from '../engine/waiting-lines.ts';

const SKILLS = ['billing', 'tech', 'complaints', 'logistics', 'presales', 'returns'];
const TEAMS = ['general', 'vip_desk', 'billing', 'tech'];

/**
 * Times one routing decision at scale: 1,000 agents and 10,000 waiting conversations. Half the samples are an agent
 * freeing capacity (the best conversation for them), half a conversation arriving (the best agent for it).
 */
export function timeDecisions(options: { agents?: number; waiting?: number; samples?: number; seed?: number } = {}) {
  const random = new SeededRandom(options.seed ?? 7);
  const now = 10 * 3600_000;
  const agents: AgentState[] = Array.from({ length: options.agents ?? 1000 }, (_, i) => {
    const skills: Record<string, number> = {};
    for (const skill of SKILLS) if (random.chance(0.4)) skills[skill] = random.int(1, 5);
    return {
      id: `a${i}`,
      online: random.chance(0.9),
      skills,
      languages: random.chance(0.5) ? ['zh'] : ['zh', 'en'],
      teams: [random.pick(TEAMS), ...(random.chance(0.3) ? [random.pick(TEAMS)] : [])],
      level: random.pick([1, 2, 3] as const),
      capacity: { web_widget: random.int(1, 4), api: random.int(0, 2) },
      load: { web_widget: random.int(0, 3), api: 0 },
      lastAssignedAt: random.int(0, now),
    };
  });
  const waiting: WaitingConversation[] = Array.from({ length: options.waiting ?? 10_000 }, (_, i) => ({
    id: `c${i}`,
    team: random.pick(TEAMS),
    channel: random.chance(0.8) ? 'web_widget' : 'api',
    language: random.chance(0.8) ? 'zh' : 'en',
    skills: random.chance(0.6) ? { [random.pick(SKILLS)]: random.int(1, 4) } : {},
    level: random.pick([1, 1, 2, 3] as const),
    valueTier: random.pick(['vip', 'regular', 'regular', 'new'] as const),
    complexity: random.next(),
    sentiment: random.next() * 2 - 1,
    enqueuedAt: now - random.int(0, 3600_000),
  }));
  const context: EligibilityContext = { openTeams: new Map(TEAMS.map((t) => [t, true])) };
  const samples = options.samples ?? 2000;
  // The line is kept sorted as conversations come and go (WaitingLines); building it is not the decision.
  const lines = new WaitingLines(DEFAULT_PRIORITY_PARAMS, now, waiting);
  const times: number[] = [];
  const cpu: number[] = [];
  let found = 0;
  // Warm up the JIT the way a long-running server is warm.
  for (let i = 0; i < 50; i++)
    nextConversationFor(agents[i] as AgentState, lines, DEFAULT_PRIORITY_PARAMS, context, now);
  for (let i = 0; i < samples; i++) {
    // The agent who just freed capacity (online, room on every channel), picked before the clock starts.
    const freed: AgentState = { ...random.pick(agents), online: true, load: {} };
    const arriving = random.pick(waiting);
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const result =
      i % 2 === 0
        ? nextConversationFor(freed, lines, DEFAULT_PRIORITY_PARAMS, context, now + i * 50)
        : agentFor(arriving, agents, 'best_match', context);
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
    if (result) found++;
  }
  const quantiles = (values: number[]) => {
    values.sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round((values[Math.min(values.length - 1, Math.floor(values.length * q))] ?? 0) * 1000) / 1000;
    return { p50: at(0.5), p99: at(0.99), max: at(1) };
  };
  // Wall time includes being preempted on a busy machine; CPU time is what the decision itself costs.
  return { ...quantiles(times), cpu: quantiles(cpu), samples, found };
}
