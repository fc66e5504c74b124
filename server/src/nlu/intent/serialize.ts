// Binary model file: "LXIM", a format version, a JSON header (labels, options, calibration), then the typed
// arrays back to back (each 4-byte aligned) so loading is a few views and one Map of the feature hashes.
import { builtinLexiconFingerprint } from '../lexicon/index.ts';
import { FeatureSpace } from './feature-space.ts';
import type { FeatureOptions } from './features.ts';
import { IntentModel, type IntentModelData } from './model.ts';

const MAGIC = 0x4d49584c; // "LXIM" little-endian
const VERSION = 1;

interface Header {
  labels: string[];
  oosClass: number;
  featureOptions: IntentModelData['featureOptions'];
  kind: IntentModelData['kind'];
  temperature: number;
  threshold: number;
  calibration: IntentModelData['calibration'];
  wordWeight: number;
  unknownIdf: number;
  features: number;
}

const align4 = (n: number) => (n + 3) & ~3;

export function serializeIntentModel(model: IntentModel): Uint8Array {
  const d = model.data;
  const header: Header = {
    labels: d.labels,
    oosClass: d.oosClass,
    featureOptions: d.featureOptions,
    kind: d.kind,
    temperature: d.temperature,
    threshold: d.threshold,
    calibration: d.calibration,
    wordWeight: d.space.wordWeight,
    unknownIdf: d.space.unknownIdf,
    features: d.space.size,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const parts: ArrayBufferView[] = [d.space.keys, d.space.idf, d.space.block, d.rowScale, d.bias, d.weights];
  let size = 12 + align4(json.length);
  for (const p of parts) size += align4(p.byteLength);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  let offset = 12 + align4(json.length);
  for (const p of parts) {
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), offset);
    offset += align4(p.byteLength);
  }
  return out;
}

/** Something about a model file that still loads but may not score as it did when it was trained. */
export interface ModelLoadWarning {
  /**
   * lexicon_changed: trained with other built-in type lexicons than the running code's; lexicon_unknown: saved
   * with the lexicons on but before models recorded which lists they had.
   */
  code: 'lexicon_changed' | 'lexicon_unknown';
  message: string;
}

export interface LoadIntentModelOptions {
  /**
   * Receives each warning (once per process for a pair of fingerprints); default: a Node process warning (printed
   * on stderr, seen by 'warning' listeners).
   */
  onWarning?: (warning: ModelLoadWarning) => void;
}

const emitProcessWarning = (w: ModelLoadWarning) => process.emitWarning(w.message, { code: `LINGXI_${w.code}` });

/**
 * A model with lexicon type features turns a message into the features the lists and matching rules of its training
 * gave (the fingerprint covers both: see `builtinLexiconFingerprint`): with others a name can gain, lose or change
 * its type, so the same message no longer scores as it did. The model still works (every other feature is the
 * same); the warning says to retrain it. It concerns model files kept outside the server by users of the library
 * (nlu/index.ts exports the loader): the server itself retrains its models in every process, and the file its
 * training worker hands back is read by the same code, so it never warns there.
 */
function lexiconWarning(options: FeatureOptions): ModelLoadWarning | undefined {
  if (!options.lexiconTypes) return undefined;
  const saved = options.lexiconFingerprint;
  const running = builtinLexiconFingerprint();
  if (saved === running) return undefined;
  if (saved === undefined) {
    return {
      code: 'lexicon_unknown',
      message:
        'intent model: saved without a fingerprint of the built-in type lexicons it was trained with; if the ' +
        'lexicons changed since, names may be typed differently than in training: retrain the model to be sure',
    };
  }
  return {
    code: 'lexicon_changed',
    message:
      `intent model: trained with other built-in type lexicons (fingerprint ${saved}, running ${running}); ` +
      'names may be typed differently than in training, so predictions can shift: retrain the model',
  };
}

// The fingerprints (saved → running) already warned about: a process that loads the same stale file for every
// request, or many files of one old release, hears it once, not on every load.
const warned = new Set<string>();

function warnOnce(options: FeatureOptions, onWarning: (warning: ModelLoadWarning) => void): void {
  const warning = lexiconWarning(options);
  if (!warning) return;
  const pair = `${options.lexiconFingerprint ?? 'none'}→${builtinLexiconFingerprint()}`;
  if (warned.has(pair)) return;
  warned.add(pair);
  onWarning(warning);
}

/**
 * Loads a model file. The model keeps zero-copy views into `bytes` (when aligned): do not reuse the buffer.
 * A model trained with other built-in lexicons still loads, with a warning (see `lexiconWarning`), given once per
 * process for each pair of fingerprints.
 */
export function loadIntentModel(bytes: Uint8Array, options: LoadIntentModelOptions = {}): IntentModel {
  if (bytes.byteLength < 12) throw new Error('not an intent model: the file is too short');
  // Typed-array views need 4-byte alignment: copy only when the caller's bytes are misaligned (pooled Buffers).
  let buf = bytes;
  if (bytes.byteOffset % 4 !== 0) {
    buf = new Uint8Array(bytes.byteLength);
    buf.set(bytes);
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('not an intent model: bad magic number');
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new Error(`unsupported intent model version ${version} (expected ${VERSION})`);
  const jsonLength = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(12, 12 + jsonLength))) as Header;
  const f = header.features;
  const k = header.labels.length;
  let offset = buf.byteOffset + 12 + align4(jsonLength);
  const end = buf.byteOffset + buf.byteLength;
  const take = <T>(make: (b: ArrayBufferLike, o: number, n: number) => T, count: number, bytesPer: number): T => {
    const byteLength = count * bytesPer;
    if (offset + byteLength > end) throw new Error('intent model file is truncated');
    const arr = make(buf.buffer, offset, count);
    offset += align4(byteLength);
    return arr;
  };
  const keys = take((b, o, n) => new Uint32Array(b, o, n), f, 4);
  const idf = take((b, o, n) => new Float32Array(b, o, n), f, 4);
  const block = take((b, o, n) => new Uint8Array(b, o, n), f, 1);
  const rowScale = take((b, o, n) => new Float32Array(b, o, n), f, 4);
  const bias = take((b, o, n) => new Float32Array(b, o, n), k, 4);
  const weights = take((b, o, n) => new Int8Array(b, o, n), f * k, 1);
  warnOnce(header.featureOptions, options.onWarning ?? emitProcessWarning);
  return new IntentModel({
    labels: header.labels,
    oosClass: header.oosClass,
    featureOptions: header.featureOptions,
    space: new FeatureSpace(keys, idf, block, header.wordWeight, header.unknownIdf ?? 0),
    weights,
    rowScale,
    bias,
    kind: header.kind,
    temperature: header.temperature,
    threshold: header.threshold,
    calibration: header.calibration,
  });
}
