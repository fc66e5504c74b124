// understand() latency for bench:nlu. Imported, it times calls in this process; run as a script
// (`tsx bench/nlu-latency.ts <model file> <messages.json>`) it loads the model file and prints one JSON line, so
// bench:nlu can run it under `chrt -f 1` (a real-time policy: the core is ours while it runs). On a machine shared
// with other work, the wall clock of an ordinary process counts the time others held the core; the per-call CPU
// time does not help either, as it sums every thread of the process (JIT and GC helpers on the other core).
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { quantile, round } from '../server/src/nlu/eval/metrics.ts';
import type { IntentModel } from '../server/src/nlu/intent/model.ts';
import { loadIntentModel } from '../server/src/nlu/intent/serialize.ts';
import { createUnderstander } from '../server/src/nlu/understand.ts';

export interface LatencyReport {
  calls: number;
  p50: number;
  p99: number;
  max: number;
  /** CPU time of the whole process per call, mean */
  cpu_mean: number;
  /** garbage collections while timing */
  collections: number;
  gc_max_ms: number;
}

export async function timeUnderstand(model: IntentModel, messages: string[], rounds = 5): Promise<LatencyReport> {
  const nlu = createUnderstander({ intents: model });
  // two full passes first: the JIT has compiled the hot paths before anything is timed
  for (let r = 0; r < 2; r++) for (const m of messages) nlu.understand(m);
  const gc: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gc.push(e.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (const m of messages) {
      const t = performance.now();
      nlu.understand(m);
      latencies.push(performance.now() - t);
    }
  }
  const used = process.cpuUsage(cpu);
  await new Promise((resolve) => setTimeout(resolve, 20));
  observer.disconnect();
  return {
    calls: latencies.length,
    p50: round(quantile(latencies, 0.5), 4),
    p99: round(quantile(latencies, 0.99), 4),
    max: round(Math.max(...latencies), 3),
    cpu_mean: round((used.user + used.system) / 1000 / latencies.length, 4),
    collections: gc.length,
    gc_max_ms: round(Math.max(0, ...gc), 3),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const [modelFile, messagesFile] = process.argv.slice(2);
  if (!modelFile || !messagesFile) throw new Error('usage: nlu-latency.ts <model file> <messages.json>');
  const model = loadIntentModel(new Uint8Array(readFileSync(modelFile)));
  const messages = JSON.parse(readFileSync(messagesFile, 'utf8')) as string[];
  console.log(JSON.stringify(await timeUnderstand(model, messages)));
}
