// The trainable slot labeller: learns workspace slots (product, reason…) from annotated examples such as
// `我要退[iPhone 15](product)`, and labels new text with spans in ORIGINAL offsets.

import { jiebaFor } from '../../text/jieba.ts';
import { normalize, toOriginalSpan } from '../../text/normalize.ts';
import type { DictionaryEntity, UserDictionaryEntry } from '../../types.ts';
import { type AnnotatedExample, type AnnotatedSpan, parseAnnotated } from './annotated.ts';
import {
  extractFeatures,
  type FeatureContext,
  type Gazetteer,
  indexGazetteer,
  type SequenceFeatures,
} from './features.ts';
import { learnGazetteer } from './learned-gazetteer.ts';
import { emissionScores, PerceptronTrainer, type PerceptronWeights, predecessorLists, viterbi } from './perceptron.ts';
import { deserializeLabeller, serializeLabeller } from './serialize.ts';
import { decodeSpans, encodeSpans, labelCount } from './tags.ts';

export interface SlotLabellerOptions {
  /** passes over the data (default 8) */
  epochs?: number;
  /** shuffling seed (default 1) */
  seed?: number;
  /** log2 of the hashed weight table; default grows with the data (16..23) */
  hashBits?: number;
  /** workspace words jieba keeps whole, also at labelling time */
  userDictionary?: UserDictionaryEntry[];
  /** known entity names; a match is a feature the model learns to trust (or not) */
  dictionary?: DictionaryEntity[];
  /** also use the slot values seen in the examples as a dictionary (cross-fold while training; default true) */
  learnValues?: boolean;
  /** called after each epoch with the share of training examples decoded wrongly */
  onEpoch?: (epoch: number, errorRate: number) => void;
}

export interface SlotLabellerConfig {
  types: string[];
  userDictionary: UserDictionaryEntry[];
  gazetteer: Array<[string, string]>;
}

export interface SlotSpan extends AnnotatedSpan {
  text: string;
}

export interface SlotLabeller {
  readonly types: readonly string[];
  label(text: string): SlotSpan[];
  serialize(): Uint8Array;
}

export function buildGazetteer(dictionary: readonly DictionaryEntity[] | undefined): Array<[string, string]> {
  const entries = new Map<string, string>();
  for (const entity of dictionary ?? []) {
    for (const name of [entity.name, ...(entity.synonyms ?? [])]) {
      const key = normalize(name, { maxLength: 100 }).normalized;
      if (key.length >= 2 && !entries.has(key)) entries.set(key, entity.type);
    }
  }
  return [...entries];
}

/** Maps original-text spans onto the normalized sequence (the model works on normalized characters). */
function alignSpans(toOriginal: Int32Array, spans: readonly AnnotatedSpan[]): AnnotatedSpan[] {
  const lowerBound = (value: number) => {
    let lo = 0;
    let hi = toOriginal.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((toOriginal[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const out: AnnotatedSpan[] = [];
  for (const span of spans) {
    const start = lowerBound(span.start);
    const end = lowerBound(span.end);
    if (end > start) out.push({ start, end, type: span.type });
  }
  return out;
}

function featureContext(config: SlotLabellerConfig, gazetteer: Gazetteer = new Map(config.gazetteer)): FeatureContext {
  return { jieba: jiebaFor(config.userDictionary), gazetteer, gazetteerIndex: indexGazetteer(gazetteer) };
}

/** Dictionary entries first (the workspace said so), then learned values that do not contradict them. */
function merge(dictionary: Array<[string, string]>, learned: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(learned);
  for (const [key, type] of dictionary) out.set(key, type);
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Trains on annotated examples: markup strings (`我要退[iPhone 15](product)`) or parsed examples
 * (e.g. CLUENER rows through fromClueNer).
 */
export function trainSlotLabeller(
  input: ReadonlyArray<string | AnnotatedExample>,
  opts: SlotLabellerOptions = {},
): SlotLabeller {
  const examples = input.map((e) => (typeof e === 'string' ? parseAnnotated(e) : e));
  const types = [...new Set(examples.flatMap((e) => e.spans.map((s) => s.type)))].sort();
  const dictionary = buildGazetteer(opts.dictionary);
  const learned = opts.learnValues === false ? undefined : learnGazetteer(examples);
  const config: SlotLabellerConfig = {
    types,
    userDictionary: opts.userDictionary ?? [],
    gazetteer: [...merge(dictionary, learned?.full ?? new Map())],
  };
  const contexts = new Map<Map<string, string> | undefined, FeatureContext>();
  const contextFor = (index: number) => {
    const fold = learned?.forExample(index);
    let ctx = contexts.get(fold);
    if (!ctx) {
      ctx = featureContext(config, merge(dictionary, fold ?? new Map()));
      contexts.set(fold, ctx);
    }
    return ctx;
  };
  const L = labelCount(types);
  const data: Array<{ features: SequenceFeatures; gold: Int32Array }> = [];
  let positions = 0;
  for (const [index, example] of examples.entries()) {
    const norm = normalize(example.text, { maxLength: example.text.length });
    const features = extractFeatures(norm.normalized, contextFor(index));
    data.push({ features, gold: encodeSpans(features.length, alignSpans(norm.toOriginal, example.spans), types) });
    positions += features.length;
  }
  const hashBits = opts.hashBits ?? Math.min(23, Math.max(16, Math.ceil(Math.log2(Math.max(1, positions * 8)))));
  const trainer = new PerceptronTrainer(L, hashBits);
  const preds = predecessorLists(L);
  const random = mulberry32(opts.seed ?? 1);
  const order = data.map((_, i) => i);
  const epochs = opts.epochs ?? 8;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let wrong = 0;
    for (const index of order) {
      const row = data[index] as (typeof data)[number];
      if (trainer.learn(row.features, row.gold, preds)) wrong++;
    }
    opts.onEpoch?.(epoch, data.length === 0 ? 0 : wrong / data.length);
  }
  return createSlotLabeller(config, trainer.averaged());
}

export function createSlotLabeller(config: SlotLabellerConfig, weights: PerceptronWeights): SlotLabeller {
  const ctx = featureContext(config);
  const preds = predecessorLists(weights.labels);
  return {
    types: config.types,
    label(text: string): SlotSpan[] {
      if (config.types.length === 0 || typeof text !== 'string' || text.length === 0) return [];
      const norm = normalize(text);
      const features = extractFeatures(norm.normalized, ctx);
      const labels = viterbi(weights, emissionScores(weights, features), features.length, preds);
      return decodeSpans(labels, config.types).map((span) => {
        const { start, end } = toOriginalSpan(norm, span.start, span.end);
        return { start, end, type: span.type, text: text.slice(start, end) };
      });
    },
    serialize: () => serializeLabeller(config, weights),
  };
}

/** Restores a labeller from `serialize()` output. */
export function loadSlotLabeller(bytes: Uint8Array): SlotLabeller {
  const { config, weights } = deserializeLabeller(bytes);
  return createSlotLabeller(config, weights);
}
