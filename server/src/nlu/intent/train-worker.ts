// Entry of the training worker thread: trains from workerData and posts the serialized model back.
import { parentPort, workerData } from 'node:worker_threads';
import { serializeIntentModel } from './serialize.ts';
import { trainIntentModel } from './train.ts';
import type { IntentExample, TrainIntentOptions } from './types.ts';

const input = workerData as { examples: IntentExample[]; opts: TrainIntentOptions };
try {
  const { model, warnings } = trainIntentModel(input.examples, input.opts);
  const bytes = serializeIntentModel(model);
  parentPort?.postMessage({ ok: true, bytes, warnings }, [bytes.buffer as ArrayBuffer]);
} catch (err) {
  parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}
