// The second stage: a linear score over pairwise features, and a sigmoid that turns it into a confidence.
// Fitting is deterministic (Newton's method on an L2-regularized logistic loss) so the same data gives the same
// weights: first pairwise (the right candidate against each wrong one of the same query, which is what ranking
// needs), then a two-parameter Platt calibration on single candidates, which is what "confidence" promises.
import { type BoostOptions, fitBoostedTrees, treeScore } from './boosted-trees.ts';
import type { RerankWeights } from './types.ts';

export function rerankScore(weights: RerankWeights, f: ArrayLike<number>): number {
  let s = weights.bias;
  const n = Math.min(weights.w.length, f.length);
  for (let i = 0; i < n; i++) s += (weights.w[i] as number) * (f[i] as number);
  return weights.trees ? s + treeScore(weights.trees, f) : s;
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/**
 * Monotone in the score, always in [0, 1]. `evidence` is one number for the whole query (how well the knowledge base
 * covers it at all: the best first-stage match), so the order of a result list is the order of its scores.
 */
export function confidenceOf(weights: RerankWeights, score: number, evidence = 0): number {
  const { a, b, c = 0 } = weights.calibration;
  const p = sigmoid(a * score + b + c * evidence);
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : score > 0 ? 1 : 0;
}

/**
 * Logistic regression by Newton's method. Rows are feature vectors; `prior` pulls the weights toward given values
 * instead of zero (used to adapt shipped weights to a workspace's own questions without forgetting them).
 */
export function fitLogistic(
  rows: ArrayLike<number>[],
  labels: number[],
  opts: { l2: number; bias: boolean; prior?: number[]; iterations?: number },
): { w: number[]; bias: number } {
  const d = (rows[0]?.length ?? 0) + (opts.bias ? 1 : 0);
  const prior = opts.prior ?? new Array(d).fill(0);
  const w = prior.slice(0, d);
  while (w.length < d) w.push(0);
  const x = (r: ArrayLike<number>, i: number) => (i < r.length ? (r[i] as number) : 1);
  for (let iter = 0; iter < (opts.iterations ?? 25); iter++) {
    const grad = new Float64Array(d);
    const hess = Array.from({ length: d }, () => new Float64Array(d));
    for (let n = 0; n < rows.length; n++) {
      const r = rows[n] as ArrayLike<number>;
      let z = 0;
      for (let i = 0; i < d; i++) z += (w[i] as number) * x(r, i);
      const p = sigmoid(z);
      const g = p - (labels[n] as number);
      const h = Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < d; i++) {
        const xi = x(r, i);
        grad[i] = (grad[i] as number) + g * xi;
        const row = hess[i] as Float64Array;
        for (let j = 0; j <= i; j++) row[j] = (row[j] as number) + h * xi * x(r, j);
      }
    }
    for (let i = 0; i < d; i++) {
      const regularized = opts.bias && i === d - 1 ? 0 : opts.l2;
      grad[i] = (grad[i] as number) + regularized * ((w[i] as number) - (prior[i] ?? 0));
      const row = hess[i] as Float64Array;
      row[i] = (row[i] as number) + regularized + 1e-9;
      for (let j = 0; j < i; j++) (hess[j] as Float64Array)[i] = row[j] as number;
    }
    const step = solve(hess, grad);
    let moved = 0;
    for (let i = 0; i < d; i++) {
      w[i] = (w[i] as number) - (step[i] as number);
      moved = Math.max(moved, Math.abs(step[i] as number));
    }
    if (moved < 1e-7) break;
  }
  return opts.bias ? { w: w.slice(0, d - 1), bias: w[d - 1] as number } : { w, bias: 0 };
}

/** Gaussian elimination with partial pivoting (the systems are ~20×20). */
function solve(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const m: Float64Array[] = a.map((row, i) => {
    const r = new Float64Array(n + 1);
    r.set(row);
    r[n] = b[i] as number;
    return r;
  });
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] as number) > Math.abs(m[pivot]?.[c] as number)) pivot = r;
    const swap = m[c] as Float64Array;
    m[c] = m[pivot] as Float64Array;
    m[pivot] = swap;
    const pr = m[c] as Float64Array;
    const pv = pr[c] as number;
    if (Math.abs(pv) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = m[r] as Float64Array;
      const factor = (row[c] as number) / pv;
      if (factor === 0) continue;
      for (let k = c; k <= n; k++) row[k] = (row[k] as number) - factor * (pr[k] as number);
    }
  }
  return Float64Array.from({ length: n }, (_, i) => {
    const pv = m[i]?.[i] as number;
    return Math.abs(pv) < 1e-12 ? 0 : (m[i]?.[n] as number) / pv;
  });
}

/** One query's candidates: their features and whether each is a right answer. */
export interface RankingExample {
  features: ArrayLike<number>[];
  relevant: boolean[];
}

/**
 * Pairwise ranking weights, then Platt calibration of the resulting score. Queries whose right answer is not among
 * the candidates still teach the calibration (every candidate of theirs is wrong).
 */
export function fitReranker(
  examples: RankingExample[],
  opts: {
    l2?: number;
    prior?: RerankWeights;
    trees?: BoostOptions | false;
    fixed?: Map<number, number>;
    /** the query-level evidence the calibration may use besides the score (see confidenceOf) */
    evidence?: (features: ArrayLike<number>[]) => number;
  } = {},
): RerankWeights {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const ex of examples) {
    ex.relevant.forEach((isRight, i) => {
      if (!isRight) return;
      const pos = ex.features[i] as ArrayLike<number>;
      ex.relevant.forEach((other, j) => {
        if (other) return;
        const neg = ex.features[j] as ArrayLike<number>;
        const diff = Array.from({ length: pos.length }, (_, k) => (pos[k] as number) - (neg[k] as number));
        // both orientations, so the problem is symmetric and needs no bias
        rows.push(
          diff,
          diff.map((v) => -v),
        );
        labels.push(1, 0);
      });
    });
  }
  const ranked = fitLogistic(rows, labels, { l2: opts.l2 ?? 1, bias: false, prior: opts.prior?.w });
  for (const [i, w] of opts.fixed ?? []) ranked.w[i] = w;
  const provisional: RerankWeights = { bias: 0, w: ranked.w, calibration: { a: 1, b: 0 } };
  if (opts.trees) {
    const features: ArrayLike<number>[] = [];
    const queries: { rows: number[]; relevant: boolean[] }[] = [];
    for (const ex of examples) {
      const rowsOf = ex.features.map((f) => features.push(f) - 1);
      queries.push({ rows: rowsOf, relevant: ex.relevant });
    }
    const base = features.map((f) => rerankScore(provisional, f));
    provisional.trees = fitBoostedTrees(features, base, queries, opts.trees);
  }
  return fitCalibration(provisional, examples, opts.evidence);
}

/**
 * The Platt calibration of a re-ranker's scores on `examples` (its ranking weights unchanged): a sigmoid of the score
 * and, when given, the query-level evidence. Also used alone, to calibrate on other examples than the ranking was
 * fitted on.
 */
export function fitCalibration(
  weights: RerankWeights,
  examples: RankingExample[],
  evidence?: (features: ArrayLike<number>[]) => number,
): RerankWeights {
  const scores: number[][] = [];
  const truth: number[] = [];
  for (const ex of examples) {
    const e = evidence?.(ex.features);
    ex.features.forEach((f, i) => {
      const s = rerankScore(weights, f);
      scores.push(e === undefined ? [s] : [s, e]);
      truth.push(ex.relevant[i] ? 1 : 0);
    });
  }
  const platt = fitLogistic(scores, truth, { l2: 1e-3, bias: true });
  const calibration = { a: platt.w[0] ?? 1, b: platt.bias };
  return { ...weights, calibration: evidence ? { ...calibration, c: platt.w[1] ?? 0 } : calibration };
}
