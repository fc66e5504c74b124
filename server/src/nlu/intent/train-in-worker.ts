// Trains an intent model on a worker thread, so one workspace's training never blocks the event loop that
// serves the others. The worker registers tsx itself: the server runs TypeScript without a build step.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadIntentModel } from './serialize.ts';
import type { TrainedIntentModel } from './train.ts';
import type { IntentExample, TrainIntentOptions, TrainingWarning } from './types.ts';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then((api) => { api.register(); return import(workerData.entry); })
  .catch((err) => { require('node:worker_threads').parentPort.postMessage({ ok: false, message: String(err && err.stack || err) }); });
`;

type WorkerReply = { ok: true; bytes: Uint8Array; warnings: TrainingWarning[] } | { ok: false; message: string };

export interface WorkerTrainingOptions extends TrainIntentOptions {
  /** Aborts the training (the worker is terminated). */
  signal?: AbortSignal;
}

/** File URL of tsx's ESM register API (its CommonJS twin cannot register the ESM hooks from a worker). */
function tsxEsmApi(): string {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(pkg), 'dist/esm/api/index.mjs')).href;
}

export function trainIntentModelInWorker(
  examples: IntentExample[],
  opts: WorkerTrainingOptions = {},
): Promise<TrainedIntentModel> {
  const { signal, ...trainOpts } = opts;
  const tsxApi = tsxEsmApi();
  const entry = new URL('./train-worker.ts', import.meta.url).href;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('intent training aborted'));
      return;
    }
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { examples: examples.map((e) => ({ ...e })), opts: trainOpts, entry, tsxApi },
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new Error('intent training aborted')));
    signal?.addEventListener('abort', onAbort);
    worker.once('message', (reply: WorkerReply) => {
      if (reply.ok) finish(() => resolve({ model: loadIntentModel(reply.bytes), warnings: reply.warnings }));
      else finish(() => reject(new Error(`intent training failed: ${reply.message}`)));
    });
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`intent training worker exited with code ${code}`))));
  });
}
