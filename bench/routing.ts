/**
 * Staffing simulator and routing speed: `npm run bench:routing [-- --agents 10 --arrivals-per-hour 80 …]`.
 * Replays a day of arrivals against a team for each strategy, prints the table, the Erlang C estimate and the
 * decision timing; the last line is JSON.
 */
import { runRoutingBench } from '../server/src/routing/simulator/run-bench.ts';

runRoutingBench(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
