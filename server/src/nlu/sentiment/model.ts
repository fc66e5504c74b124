// A trained sentiment model: a linear layer over the intent feature space (words and character n-grams) plus the
// lexicon's evidence as dense features, so the lexicon's knowledge of negation and degree carries over to the data.
import { softmax } from '../intent/calibrate.ts';
import { FeatureSpace, type SparseVector } from '../intent/feature-space.ts';
import { type FeatureOptions, rawFeatures } from '../intent/features.ts';
import {
  type LexiconEvidence,
  lexiconEvidence,
  resultFromEvidence,
  type SentimentLabel,
  type SentimentResult,
} from './analyzer.ts';

export const LEXICON_FEATURES = 4;

/**
 * The intent features as they were when the sentiment model was tuned, written out in full rather than derived from
 * the intent defaults: a sentiment model does not save its options, so a change made for intents (Han n-grams 1–2,
 * type lexicons) would silently change what an already trained sentiment model reads.
 */
export const SENTIMENT_FEATURE_OPTIONS: FeatureOptions = {
  hanChars: [1, 4],
  wordChars: [3, 5],
  wordBigrams: true,
  hanBoundaries: true,
  hanBoundaryUnigrams: true,
  posTags: true,
  lexiconTypes: false,
};

export interface SentimentModel {
  version: 1;
  labels: SentimentLabel[];
  space: FeatureSpace;
  /** feature-major, (space.size + LEXICON_FEATURES) × labels.length */
  weights: Float32Array;
  bias: Float32Array;
}

/** Lexicon evidence as dense feature values appended after the sparse ones. */
export function lexiconFeatures(ev: LexiconEvidence): number[] {
  return [
    Math.tanh(ev.positive / 3),
    Math.tanh(ev.negative / 3),
    Math.tanh((ev.positive - ev.negative) / 2.5),
    Math.min(3, ev.exclamations) / 3,
  ];
}

export function sentimentVector(space: FeatureSpace, text: string, ev: LexiconEvidence): SparseVector {
  const x = space.vectorize(rawFeatures(text, SENTIMENT_FEATURE_OPTIONS));
  const extra = lexiconFeatures(ev);
  const idx = new Int32Array(x.idx.length + extra.length);
  const val = new Float32Array(x.idx.length + extra.length);
  idx.set(x.idx);
  val.set(x.val);
  extra.forEach((v, j) => {
    idx[x.idx.length + j] = space.size + j;
    val[x.idx.length + j] = v;
  });
  return { idx, val };
}

export function predictSentiment(model: SentimentModel, text: string): SentimentResult {
  const ev = lexiconEvidence(text);
  const x = sentimentVector(model.space, text, ev);
  const k = model.labels.length;
  const scores = new Float64Array(k);
  for (let c = 0; c < k; c++) scores[c] = model.bias[c]!;
  for (let j = 0; j < x.idx.length; j++) {
    const base = x.idx[j]! * k;
    for (let c = 0; c < k; c++) scores[c] = scores[c]! + model.weights[base + c]! * x.val[j]!;
  }
  const probs = softmax(scores, 1);
  let polarity = 0;
  model.labels.forEach((l, c) => {
    if (l === 'positive') polarity += probs[c]!;
    if (l === 'negative') polarity -= probs[c]!;
  });
  return resultFromEvidence(ev, polarity);
}

const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function fromB64<T>(s: string, make: (b: ArrayBuffer) => T): T {
  const bytes = Buffer.from(s, 'base64');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return make(copy.buffer);
}

/** JSON-safe form (typed arrays as base64). */
export function serializeSentimentModel(model: SentimentModel): string {
  return JSON.stringify({
    version: model.version,
    labels: model.labels,
    wordWeight: model.space.wordWeight,
    unknownIdf: model.space.unknownIdf,
    keys: b64(model.space.keys),
    idf: b64(model.space.idf),
    block: b64(model.space.block),
    weights: b64(model.weights),
    bias: b64(model.bias),
  });
}

export function loadSentimentModel(json: string): SentimentModel {
  const o = JSON.parse(json) as {
    version: number;
    labels: SentimentLabel[];
    wordWeight: number;
    unknownIdf?: number;
    keys: string;
    idf: string;
    block: string;
    weights: string;
    bias: string;
  };
  if (o.version !== 1) throw new Error(`unsupported sentiment model version ${o.version}`);
  const space = new FeatureSpace(
    fromB64(o.keys, (b) => new Uint32Array(b)),
    fromB64(o.idf, (b) => new Float32Array(b)),
    fromB64(o.block, (b) => new Uint8Array(b)),
    o.wordWeight,
    o.unknownIdf ?? 0,
  );
  return {
    version: 1,
    labels: o.labels,
    space,
    weights: fromB64(o.weights, (b) => new Float32Array(b)),
    bias: fromB64(o.bias, (b) => new Float32Array(b)),
  };
}
