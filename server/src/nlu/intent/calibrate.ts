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

export interface CurvePoint {
  threshold: number;
  inScopeAccuracy: number;
  oosRecall: number;
}

export interface ThresholdChoice {
  threshold: number;
  /** held-out in-scope accuracy at that threshold (a rejection counts as wrong) */
  inScopeAccuracy: number;
  /** held-out share of out-of-scope messages rejected */
  oosRecall: number;
  /** the trade-off at a few thresholds, for a workspace admin tuning it */
  curve: CurvePoint[];
}

/** In-scope accuracy and OOS recall when rejecting below `t`. */
export function tradeOff(inScope: InScopeOutcome[], oos: number[], t: number): CurvePoint {
  let kept = 0;
  for (const o of inScope) if (o.correct && o.confidence >= t) kept++;
  let rejected = 0;
  for (const s of oos) if (s < t) rejected++;
  return {
    threshold: t,
    inScopeAccuracy: inScope.length === 0 ? 0 : kept / inScope.length,
    oosRecall: oos.length === 0 ? 0 : rejected / oos.length,
  };
}

/**
 * Picks the rejection threshold that rejects the most out-of-scope messages while costing at most `maxLoss` of
 * held-out in-scope accuracy (a rejected correct answer is a loss; rejecting a wrong one costs nothing).
 * Keeping right answers comes first: a customer wrongly told "I don't understand" is worse than a rare misroute.
 */
export function chooseThreshold(
  inScope: InScopeOutcome[],
  oos: number[],
  maxLoss = MAX_IN_SCOPE_LOSS,
): ThresholdChoice {
  const all = [...inScope.map((o) => o.confidence), ...oos].sort((a, b) => a - b);
  // up to 400 candidate thresholds at quantiles of the observed confidences
  const candidates: number[] = [];
  const step = Math.max(1, Math.floor(all.length / 400));
  for (let i = 0; i < all.length; i += step) candidates.push(all[i]! + 1e-9);
  const base = tradeOff(inScope, oos, 0);
  let best = base;
  for (const t of candidates) {
    const point = tradeOff(inScope, oos, t);
    if (base.inScopeAccuracy - point.inScopeAccuracy > maxLoss + 1e-12) break;
    if (point.oosRecall > best.oosRecall) best = point;
  }
  const curve = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((t) => roundPoint(tradeOff(inScope, oos, t)));
  return { ...best, curve };
}

/** Share of held-out in-scope accuracy the default threshold may give up for out-of-scope rejection. */
export const MAX_IN_SCOPE_LOSS = 0.01;

function roundPoint(p: CurvePoint): CurvePoint {
  const r = (x: number) => Math.round(x * 10000) / 10000;
  return { threshold: p.threshold, inScopeAccuracy: r(p.inScopeAccuracy), oosRecall: r(p.oosRecall) };
}
