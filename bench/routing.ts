/**
 * Staffing simulator and routing speed: `npm run bench:routing [-- --agents 10 --arrivals-per-hour 80 …]`.
 * Replays a day of arrivals against a team for each strategy, prints the table, the Erlang C estimate and the
 * decision timing; then the assigner's pass around the decision on SQLite (load, decision, whole pass:
 * bench/routing-load.ts; skip it with BENCH_ROUTING_LOAD=0), then hand-off → agent console on a fresh embedded server
 * (bench/handoff.ts; skip it with BENCH_HANDOFFS=0). The last line is JSON: the simulator's report plus `handoff_ms: {p50, p99}`.
 */
import { runRoutingBench } from '../server/src/routing/simulator/run-bench.ts';
import { runHandoffBench } from './handoff.ts';
import { type RoutingLoadResult, runRoutingLoadBench } from './routing-load.ts';

const write = (line: string) => process.stdout.write(`${line}\n`);
const lines: string[] = [];
const report = runRoutingBench(process.argv.slice(2), (line) => lines.push(line));
// Everything but the simulator's JSON line, which is printed last with the hand-off figures added.
for (const line of lines.slice(0, -1)) write(line);

const loadSamples = Number(process.env.BENCH_ROUTING_LOAD ?? 40);
let load: RoutingLoadResult | undefined;
if (loadSamples > 0) {
  load = await runRoutingLoadBench({ samples: loadSamples });
  const f = (q: { p50: number; p99: number }) => `p50 ${q.p50} ms, p99 ${q.p99} ms`;
  write(
    `The assigner's pass around the decision, embedded (SQLite), ${load.agents} agents × ${load.waiting} waiting, ${load.samples} passes each after one agent freed a slot:`,
  );
  write(
    `  load (loadRoutingState)           wall ${f(load.load_ms)}; CPU ${f(load.load_cpu_ms)}   (waiting rows read: p50 ${load.line_read.p50}, max ${load.line_read.max} of ${load.waiting})`,
  );
  write(`  decision on the loaded state      wall ${f(load.decision_ms)}; CPU ${f(load.decision_cpu_ms)}`);
  write(
    `  whole pass (assignWaiting)        wall ${f(load.pass_ms)}; CPU ${f(load.pass_cpu_ms)}   (lock, load, decision, claim, events; ${load.assigned} assigned)`,
  );
  write(`  load average (1 min) ${load.load_avg_1m}\n`);
}

const handoffs = Number(process.env.BENCH_HANDOFFS ?? 300);
let handoff: Awaited<ReturnType<typeof runHandoffBench>> | undefined;
if (handoffs > 0) {
  handoff = await runHandoffBench({ handoffs, perSecond: Number(process.env.BENCH_HANDOFFS_PER_SECOND ?? 20) });
  const d = handoff.decision_to_console_ms;
  write(
    `Hand-off → agent console, embedded (SQLite), ${handoff.handoffs} hand-offs at ${handoff.per_second}/s to ${handoff.agents} agents (after ${handoff.warmup} not counted), ${handoff.delivered} delivered:`,
  );
  write(`  decision → console   p50 ${d.p50} ms, p99 ${d.p99} ms, max ${d.max} ms   target p99 ≤ 200 ms`);
  write(
    `  "转人工" → console    p50 ${handoff.handoff_to_console_ms.p50} ms, p99 ${handoff.handoff_to_console_ms.p99} ms (bot turn + 400 ms gathering window included)`,
  );
  write(`  load average (1 min) ${handoff.load_avg_1m}\n`);
}
write(
  JSON.stringify({
    ...report,
    ...(load
      ? {
          state_load_ms: { p50: load.load_ms.p50, p99: load.load_ms.p99 },
          state_load_cpu_ms: { p50: load.load_cpu_ms.p50, p99: load.load_cpu_ms.p99 },
          decision_on_loaded_state_ms: { p50: load.decision_ms.p50, p99: load.decision_ms.p99 },
          decision_on_loaded_state_cpu_ms: { p50: load.decision_cpu_ms.p50, p99: load.decision_cpu_ms.p99 },
          assign_pass_ms: { p50: load.pass_ms.p50, p99: load.pass_ms.p99 },
        }
      : {}),
    ...(handoff
      ? {
          handoff_ms: { p50: handoff.decision_to_console_ms.p50, p99: handoff.decision_to_console_ms.p99 },
          handoff_total_ms: handoff.handoff_to_console_ms,
          handoff_delivered: `${handoff.delivered}/${handoff.handoffs}`,
        }
      : {}),
  }),
);
process.exit(0);
