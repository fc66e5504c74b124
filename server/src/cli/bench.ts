import { runRoutingBench } from '../routing/simulator/run-bench.ts';

/** `lingxi bench routing [--agents 8 --arrivals-per-hour 60 --surge-factor 3 --tier-mix 0.1,0.6,0.3 …]` */
export async function run(argv: string[]): Promise<number> {
  const [what, ...rest] = argv;
  if (what !== 'routing') {
    process.stderr.write(
      'Usage: lingxi bench routing [--agents N --concurrency N --arrivals-per-hour N --surge-hour H --surge-factor F --handle-seconds S --patience-seconds S --tier-mix vip,regular,new --target-seconds S --target-service-level 0.8 --hours H --seed N]\n',
    );
    return 2;
  }
  try {
    runRoutingBench(rest, (line) => process.stdout.write(`${line}\n`));
    return 0;
  } catch (error) {
    process.stderr.write(`lingxi bench routing: ${(error as Error).message}\n`);
    return 2;
  }
}
