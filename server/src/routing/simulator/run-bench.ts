import { STRATEGIES } from '../engine/types.ts';
import { type DecisionCase, timeDecisions } from './decision-timing.ts';
import { agentsNeeded } from './erlang.ts';
import { type DayParams, DEFAULT_DAY, type StrategyResult, simulateDay } from './simulate.ts';

/** Flags of `npm run bench:routing` / `lingxi bench routing`, each a DayParams field (`--agents 10`). */
export function parseDayFlags(argv: string[]): DayParams & { targetServiceLevel: number } {
  const day: DayParams & { targetServiceLevel: number } = { ...DEFAULT_DAY, targetServiceLevel: 0.8 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (!flag.startsWith('--')) continue;
    const key = flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = argv[i + 1];
    if (key === 'tierMix' && value) {
      const [vip, regular, fresh] = value.split(',').map(Number);
      day.tierMix = { vip: vip ?? 0.1, regular: regular ?? 0.6, new: fresh ?? 0.3 };
    } else if (key in day && value !== undefined && Number.isFinite(Number(value))) {
      (day as unknown as Record<string, number>)[key] = Number(value);
    } else throw new Error(`unknown or invalid flag ${flag}`);
    i++;
  }
  return day;
}

export interface RoutingBenchReport {
  decision_ms: { p50: number; p99: number };
  /** CPU time of the same decisions: wall time on a shared machine includes being preempted. */
  decision_cpu_ms: { p50: number; p99: number };
  /** The same decisions per case (an agent freeing capacity, a conversation arriving …). */
  decision_cases: Array<{ name: string; wall_ms: DecisionCase['wall']; cpu_ms: DecisionCase['cpu'] }>;
  strategies: StrategyResult[];
  erlang_c_agents: number;
}

/** Runs the staffing simulator for every strategy, the Erlang C estimate and the decision timing; prints a table. */
export function runRoutingBench(argv: string[], write: (line: string) => void): RoutingBenchReport {
  const day = parseDayFlags(argv);
  const results = STRATEGIES.map((strategy) => simulateDay(day, strategy));
  const peakRate = day.arrivalsPerHour * day.surgeFactor;
  const erlang = (rate: number) =>
    agentsNeeded({
      arrivalsPerHour: rate,
      handleSeconds: day.handleSeconds,
      targetSeconds: day.targetSeconds,
      targetServiceLevel: day.targetServiceLevel,
      concurrency: day.concurrency,
    });
  const timing = timeDecisions();
  write(
    `Day: ${day.hours} h, ${day.arrivalsPerHour}/h (×${day.surgeFactor} in hour ${day.surgeHour}), handle ${day.handleSeconds} s, patience ${day.patienceSeconds} s, ${day.agents} agents × ${day.concurrency} chats, target ${day.targetSeconds} s`,
  );
  write(`${results[0]?.offered ?? 0} conversations offered\n`);
  write(
    `${'strategy'.padEnd(12)} ${'SL'.padStart(6)} ${'VIP SL'.padStart(7)} ${'wait mean'.padStart(10)} ${'wait p90'.padStart(9)} ${'abandon'.padStart(8)} ${'occupancy'.padStart(10)}`,
  );
  for (const r of results) {
    const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
    write(
      `${r.name.padEnd(12)} ${pct(r.service_level).padStart(6)} ${pct(r.vip_service_level).padStart(7)} ${`${r.wait_s.mean}s`.padStart(10)} ${`${r.wait_s.p90}s`.padStart(9)} ${pct(r.abandon_rate).padStart(8)} ${pct(r.occupancy).padStart(10)}`,
    );
  }
  write(
    `\nErlang C for ${day.targetServiceLevel * 100}% within ${day.targetSeconds} s: ${erlang(day.arrivalsPerHour)} agents at ${day.arrivalsPerHour}/h, ${erlang(peakRate)} in the surge hour (${peakRate}/h)`,
  );
  write(
    `\nRouting decision: planAssignments, the call the live assigner makes (commands/assign-waiting.ts), given every agent of the workspace and the whole line (an upper bound: the assigner reads only the part of the line an agent with room could take, and the decision on exactly that is timed further down); reading the state from the database is not included:`,
  );
  write(
    `${'case'.padEnd(48)} ${'agents'.padStart(6)} ${'waiting'.padStart(7)} ${'with room'.padStart(9)} ${'wall p50'.padStart(9)} ${'wall p99'.padStart(9)} ${'CPU p50'.padStart(8)} ${'CPU p99'.padStart(8)}`,
  );
  for (const c of timing.cases) {
    const room =
      c.free_agents.min === c.free_agents.max ? `${c.free_agents.min}` : `${c.free_agents.min}-${c.free_agents.max}`;
    write(
      `${c.name.padEnd(48)} ${String(c.agents).padStart(6)} ${String(c.waiting).padStart(7)} ${room.padStart(9)} ${`${c.wall.p50} ms`.padStart(9)} ${`${c.wall.p99} ms`.padStart(9)} ${`${c.cpu.p50} ms`.padStart(8)} ${`${c.cpu.p99} ms`.padStart(8)}`,
    );
  }
  write(
    `all ${timing.samples} decisions: p50 ${timing.p50} ms, p99 ${timing.p99} ms wall; CPU p50 ${timing.cpu.p50} ms, p99 ${timing.cpu.p99} ms   target p99 ≤ 1 ms\n`,
  );
  const report: RoutingBenchReport = {
    decision_ms: { p50: timing.p50, p99: timing.p99 },
    decision_cpu_ms: { p50: timing.cpu.p50, p99: timing.cpu.p99 },
    decision_cases: timing.cases.map((c) => ({ name: c.name, wall_ms: c.wall, cpu_ms: c.cpu })),
    strategies: results,
    erlang_c_agents: erlang(peakRate),
  };
  write(JSON.stringify(report));
  return report;
}
