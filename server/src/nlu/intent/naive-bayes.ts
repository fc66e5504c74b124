// Multinomial naive Bayes over the same TF-IDF vectors as the SVM. Alone it is weaker (~3 points on held-out
// BANKING77), but its errors differ from the max-margin model's, and its log-likelihoods are linear in the
// features: a share of them added to the SVM's weights gives one linear model that scores as fast as before.
import type { SparseVector } from './feature-space.ts';
import type { LinearModel } from './linear.ts';

/** Additive smoothing of the per-class feature mass (TF-IDF weights, not counts: small values are the norm). */
const ALPHA = 0.01;

/**
 * Per-class log-likelihood weights, feature-major like the SVM's. Each feature row is centred across classes:
 * that shifts every class's score by the same amount for a given message, so it changes neither the ranking nor
 * the softmax, and it keeps the rows small for int8 quantization.
 */
export function trainNaiveBayes(
  xs: SparseVector[],
  labels: Int32Array,
  classes: number,
  features: number,
  alpha = ALPHA,
): LinearModel {
  const k = classes;
  const mass = new Float64Array(features * k);
  const total = new Float64Array(k);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = labels[i]!;
    for (let j = 0; j < x.idx.length; j++) {
      mass[x.idx[j]! * k + y]! += x.val[j]!;
      total[y]! += x.val[j]!;
    }
  }
  const logTotal = new Float64Array(k);
  for (let c = 0; c < k; c++) logTotal[c] = Math.log(total[c]! + alpha * features);
  const weights = new Float32Array(features * k);
  for (let f = 0; f < features; f++) {
    const base = f * k;
    let mean = 0;
    for (let c = 0; c < k; c++) {
      const v = Math.log(mass[base + c]! + alpha) - logTotal[c]!;
      mass[base + c] = v;
      mean += v;
    }
    mean /= k;
    for (let c = 0; c < k; c++) weights[base + c] = mass[base + c]! - mean;
  }
  return { classes, features, weights, bias: new Float32Array(k) };
}

/** `a + share × b` as one linear model (same classes and features). */
export function blendLinear(a: LinearModel, b: LinearModel, share: number): LinearModel {
  if (share === 0) return a;
  const weights = new Float32Array(a.weights.length);
  for (let i = 0; i < weights.length; i++) weights[i] = a.weights[i]! + share * b.weights[i]!;
  const bias = new Float32Array(a.bias.length);
  for (let c = 0; c < bias.length; c++) bias[c] = a.bias[c]! + share * b.bias[c]!;
  return { classes: a.classes, features: a.features, weights, bias };
}
