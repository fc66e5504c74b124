// A multi-class linear model over sparse features, and its scoring.
import type { SparseVector } from './feature-space.ts';

/** Weights laid out feature-major (`weights[f * classes + k]`) so scoring a sparse vector reads contiguous rows. */
export interface LinearModel {
  classes: number;
  features: number;
  weights: Float32Array;
  bias: Float32Array;
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
