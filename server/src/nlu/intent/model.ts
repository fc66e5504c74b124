// A trained intent model: a feature space, int8-quantized linear weights (one scale per feature row), a softmax
// temperature and a rejection threshold. Prediction is a sparse dot product against contiguous rows: tens of
// microseconds for a short message even with hundreds of intents.
import { softmax } from './calibrate.ts';
import type { FeatureSpace } from './feature-space.ts';
import { type FeatureOptions, rawFeatures } from './features.ts';
import type { LinearModel } from './linear.ts';
import type { CalibrationReport, IntentPrediction } from './types.ts';

export interface IntentModelData {
  /** Class names; the out-of-scope class (if trained with OOS examples) is among them at `oosClass`. */
  labels: string[];
  oosClass: number;
  featureOptions: FeatureOptions;
  space: FeatureSpace;
  weights: Int8Array;
  rowScale: Float32Array;
  bias: Float32Array;
  /** 'linear': softmax over class scores; 'similarity': one intent, confidence = cosine to its centroid. */
  kind: 'linear' | 'similarity';
  temperature: number;
  threshold: number;
  calibration: CalibrationReport;
}

export interface PredictOptions {
  /** Overrides the model's rejection threshold (0..1), e.g. a workspace setting. */
  threshold?: number;
  /** Only the best `top` intents are returned (default: all). */
  top?: number;
}

/** Quantizes feature-major float weights to int8 with one scale per feature row. */
export function quantize(model: LinearModel): { weights: Int8Array; rowScale: Float32Array } {
  const k = model.classes;
  const weights = new Int8Array(model.weights.length);
  const rowScale = new Float32Array(model.features);
  for (let f = 0; f < model.features; f++) {
    let max = 0;
    for (let c = 0; c < k; c++) max = Math.max(max, Math.abs(model.weights[f * k + c]!));
    if (max === 0) continue;
    const scale = max / 127;
    rowScale[f] = scale;
    for (let c = 0; c < k; c++) weights[f * k + c] = Math.round(model.weights[f * k + c]! / scale);
  }
  return { weights, rowScale };
}

export class IntentModel {
  readonly intents: string[];

  constructor(readonly data: IntentModelData) {
    this.intents = data.labels.filter((_, i) => i !== data.oosClass);
  }

  get threshold(): number {
    return this.data.threshold;
  }

  /** Raw class scores (decision values) of a text, in `data.labels` order; undefined when no feature is known. */
  scores(text: string): Float64Array | undefined {
    const out = this.scoresInto(text, new Float64Array(this.data.labels.length));
    return out ? out : undefined;
  }

  /** Scores into `out` (reused by predict: a message allocates only its features and the returned ranking). */
  private scoresInto<T extends Float64Array>(text: string, out: T): T | undefined {
    const d = this.data;
    const k = d.labels.length;
    const x = d.space.vectorizeScratch(rawFeatures(text, d.featureOptions));
    if (x.idx.length === 0) return undefined;
    for (let c = 0; c < k; c++) out[c] = d.bias[c]!;
    for (let j = 0; j < x.idx.length; j++) {
      const f = x.idx[j]!;
      const v = x.val[j]! * d.rowScale[f]!;
      if (v === 0) continue;
      const base = f * k;
      for (let c = 0; c < k; c++) out[c] = out[c]! + d.weights[base + c]! * v;
    }
    return out;
  }

  private buffers?: { scores: Float64Array<ArrayBuffer>; probs: Float64Array<ArrayBuffer> };

  predict(text: string, opts: PredictOptions = {}): IntentPrediction {
    const d = this.data;
    const threshold = opts.threshold ?? d.threshold;
    const k = d.labels.length;
    if (!this.buffers) this.buffers = { scores: new Float64Array(k), probs: new Float64Array(k) };
    const scores = this.scoresInto(text, this.buffers.scores);
    if (!scores) {
      // nothing in the message was ever seen in training: no evidence for any intent
      const uniform = 1 / k;
      const names = opts.top === undefined ? this.intents : this.intents.slice(0, opts.top);
      return { intents: names.map((name) => ({ name, confidence: uniform })), outOfScope: true };
    }
    const probs = this.buffers.probs;
    if (d.kind === 'similarity') for (let c = 0; c < k; c++) probs[c] = Math.max(0, Math.min(1, scores[c]!));
    else softmax(scores, d.temperature, probs);
    const oosProb = d.oosClass >= 0 ? probs[d.oosClass]! : 0;
    const ranked = rankClasses(probs, d.oosClass, opts.top).map((c) => ({
      name: d.labels[c]!,
      confidence: probs[c]!,
    }));
    const top = ranked[0]?.confidence ?? 0;
    const outOfScope = ranked.length === 0 || top < threshold || oosProb > top;
    return { intents: ranked, outOfScope };
  }
}

/**
 * Classes other than `skip`, best first (ties keep class order, as a stable sort would), at most `top` of them:
 * a short insertion list when few are asked for, so a 100-intent model does not build and sort 100 objects.
 */
export function rankClasses(probs: ArrayLike<number>, skip: number, top?: number): number[] {
  const n = probs.length - (skip >= 0 && skip < probs.length ? 1 : 0);
  const limit = top === undefined ? n : Math.max(0, Math.min(top, n));
  const out: number[] = [];
  if (limit === 0) return out;
  for (let c = 0; c < probs.length; c++) {
    if (c === skip) continue;
    const p = probs[c]!;
    if (out.length === limit && !(p > probs[out[limit - 1]!]!)) continue;
    let pos = out.length;
    while (pos > 0 && p > probs[out[pos - 1]!]!) pos--;
    if (out.length === limit) out.pop();
    out.splice(pos, 0, c);
  }
  return out;
}
