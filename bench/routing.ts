/**
 * Staffing simulator and routing speed: `npm run bench:routing [-- --agents 10 --arrivals-per-hour 80 …]`.
 * Replays a day of arrivals against a team for each strategy, prints the table, the Erlang C estimate and the
 * decision timing; then measures hand-off → agent console on a fresh embedded server (bench/handoff.ts; skip it
 * with BENCH_HANDOFFS=0). The last line is JSON: the simulator's report plus `handoff_ms: {p50, p99}`.
 */
import { runRoutingBench } from '../server/src/routing/simulator/run-bench.ts';
import { runHandoffBench } from './handoff.ts';

const write = (line: string) => process.stdout.write(`${line}\n`);
const lines: string[] = [];
const report = runRoutingBench(process.argv.slice(2), (line) => lines.push(line));
// Everything but the simulator's JSON line, which is printed last with the hand-off figures added.
for (const line of lines.slice(0, -1)) write(line);

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
