// One-vs-rest linear SVM with the squared hinge loss, trained by dual coordinate descent with shrinking
// (Hsieh et al. 2008, the default solver of LIBLINEAR). It converges in a few passes on sparse text features,
// which is what keeps training a workspace to seconds.
import type { SparseVector } from './feature-space.ts';
import { createRng, shuffleInPlace } from './random.ts';

export interface SvmOptions {
  /** Inverse regularization strength. */
  c: number;
  /** Stopping tolerance on the projected-gradient gap. */
  eps: number;
  maxPasses: number;
  seed: number;
}

export const DEFAULT_SVM_OPTIONS: SvmOptions = { c: 1, eps: 0.1, maxPasses: 60, seed: 1 };

/** Weights laid out feature-major (`weights[f * classes + k]`) so scoring a sparse vector reads contiguous rows. */
export interface LinearModel {
  classes: number;
  features: number;
  weights: Float32Array;
  bias: Float32Array;
}

const BIAS = 1;

export function trainOneVsRestSvm(
  xs: SparseVector[],
  labels: Int32Array,
  classes: number,
  features: number,
  opts: Partial<SvmOptions> = {},
): LinearModel {
  const o = { ...DEFAULT_SVM_OPTIONS, ...opts };
  const weights = new Float32Array(features * classes);
  const bias = new Float32Array(classes);
  const sqNorms = xs.map((x) => {
    let s = BIAS * BIAS;
    for (let j = 0; j < x.val.length; j++) s += x.val[j]! * x.val[j]!;
    return s;
  });
  const w = new Float64Array(features);
  for (let k = 0; k < classes; k++) {
    w.fill(0);
    const b = trainBinary(xs, labels, k, sqNorms, w, o);
    for (let f = 0; f < features; f++) if (w[f] !== 0) weights[f * classes + k] = w[f]!;
    bias[k] = b;
  }
  return { classes, features, weights, bias };
}

function trainBinary(
  xs: SparseVector[],
  labels: Int32Array,
  positive: number,
  sqNorms: number[],
  w: Float64Array,
  o: SvmOptions,
): number {
  const n = xs.length;
  const dii = 0.5 / o.c;
  const alpha = new Float64Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = createRng(o.seed + positive * 7919);
  let b = 0;
  let active = n;
  let pgMaxOld = Number.POSITIVE_INFINITY;
  let pass = 0;
  for (; pass < o.maxPasses; pass++) {
    shuffleInPlace(order, rng, active);
    let pgMax = Number.NEGATIVE_INFINITY;
    let pgMin = Number.POSITIVE_INFINITY;
    for (let s = 0; s < active; s++) {
      const i = order[s]!;
      const x = xs[i]!;
      const y = labels[i] === positive ? 1 : -1;
      let dot = b * BIAS;
      const idx = x.idx;
      const val = x.val;
      for (let j = 0; j < idx.length; j++) dot += w[idx[j]!]! * val[j]!;
      const a = alpha[i]!;
      const g = y * dot - 1 + dii * a;
      let pg = g;
      if (a === 0) {
        if (g > pgMaxOld) {
          active--;
          order[s] = order[active]!;
          order[active] = i;
          s--;
          continue;
        }
        if (g > 0) pg = 0;
      }
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) > 1e-12) {
        const next = Math.max(a - g / (sqNorms[i]! + dii), 0);
        alpha[i] = next;
        const d = (next - a) * y;
        for (let j = 0; j < idx.length; j++) w[idx[j]!]! += d * val[j]!;
        b += d * BIAS;
      }
    }
    if (pgMax - pgMin <= o.eps) {
      if (active === n) break;
      active = n;
      pgMaxOld = Number.POSITIVE_INFINITY;
      continue;
    }
    pgMaxOld = pgMax <= 0 ? Number.POSITIVE_INFINITY : pgMax;
  }
  return b;
}

/** Scores of every class for one vector (decision values). */
export function scoreLinear(model: LinearModel, x: SparseVector, out = new Float64Array(model.classes)): Float64Array {
  const k = model.classes;
  for (let c = 0; c < k; c++) out[c] = model.bias[c]!;
  const w = model.weights;
  for (let j = 0; j < x.idx.length; j++) {
    const base = x.idx[j]! * k;
    const v = x.val[j]!;
    for (let c = 0; c < k; c++) out[c] = out[c]! + w[base + c]! * v;
  }
  return out;
}
