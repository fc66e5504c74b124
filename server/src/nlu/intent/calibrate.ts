// Confidence calibration and the out-of-scope threshold, both fitted on held-out predictions of the TRAINING
// data (a model trained without some examples and without some intents): never on an evaluation set.

/** Softmax of scores / temperature, written into `out`. */
export function softmax(scores: ArrayLike<number>, temperature: number, out = new Float64Array(scores.length)) {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < scores.length; i++) if (scores[i]! > max) max = scores[i]!;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp((scores[i]! - max) / temperature);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < scores.length; i++) out[i] = out[i]! / sum;
  return out;
}

/** Mean negative log-likelihood of the true classes under softmax(scores / t). */
function nll(scores: Float64Array[], labels: number[], t: number): number {
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < s.length; k++) if (s[k]! > max) max = s[k]!;
    let sum = 0;
    for (let k = 0; k < s.length; k++) sum += Math.exp((s[k]! - max) / t);
    total += Math.log(sum) - (s[labels[i]!]! - max) / t;
  }
  return total / Math.max(1, scores.length);
}

/** Temperature scaling (Guo et al. 2017): the t minimizing held-out NLL, by golden-section search on log t. */
export function fitTemperature(scores: Float64Array[], labels: number[]): number {
  if (scores.length === 0) return 1;
  // bounds keep tiny held-out sets from producing absurd (near 0/1) confidences
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(scores, labels, Math.exp(a));
  let fb = nll(scores, labels, Math.exp(b));
  for (let iter = 0; iter < 40; iter++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nll(scores, labels, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nll(scores, labels, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** A held-out in-scope prediction: its top confidence and whether the top intent was right. */
export interface InScopeOutcome {
  confidence: number;
  correct: boolean;
}

export interface ThresholdChoice {
  threshold: number;
  /** held-out in-scope accuracy at that threshold (a rejection counts as wrong) */
  inScopeAccuracy: number;
  /** held-out share of out-of-scope messages rejected */
  oosRecall: number;
}

/**
 * Picks the rejection threshold maximizing in-scope accuracy + oosWeight × OOS recall on held-out predictions.
 * Rejecting a message the model would have got wrong costs nothing, so the threshold mostly trades correct
 * in-scope answers for rejected out-of-scope ones; oosWeight < 1 values a kept right answer above a rejection.
 */
export function chooseThreshold(inScope: InScopeOutcome[], oos: number[], oosWeight = 0.5): ThresholdChoice {
  const candidates = [...new Set([0, ...inScope.map((o) => o.confidence), ...oos])].sort((a, b) => a - b);
  let best: ThresholdChoice = { threshold: 0, inScopeAccuracy: 0, oosRecall: 0 };
  let bestValue = Number.NEGATIVE_INFINITY;
  const nIn = Math.max(1, inScope.length);
  const nOos = Math.max(1, oos.length);
  for (const c of candidates) {
    // reject when confidence < threshold; place the threshold just above c
    const t = c + 1e-9;
    let kept = 0;
    for (const o of inScope) if (o.correct && o.confidence >= t) kept++;
    let rejected = 0;
    for (const s of oos) if (s < t) rejected++;
    const acc = kept / nIn;
    const recall = oos.length === 0 ? 0 : rejected / nOos;
    const value = acc + oosWeight * recall;
    if (value > bestValue + 1e-12) {
      bestValue = value;
      best = { threshold: c === 0 ? 0 : t, inScopeAccuracy: acc, oosRecall: recall };
    }
  }
  return best;
}
