// Averaged structured perceptron over hashed features with first-order label transitions and constrained Viterbi.
// A feature's weights for all labels sit next to each other in one hashed table (cache-friendly scoring).
import type { SequenceFeatures } from './features.ts';
import { canEnd, canStart, transitionMask } from './tags.ts';

export interface PerceptronWeights {
  labels: number;
  hashBits: number;
  /** emission weights, index (featureId + label) & mask */
  emission: Float32Array;
  /** transition weights prev * labels + cur, then start[labels], then end[labels] */
  transition: Float32Array;
}

export function createWeights(labels: number, hashBits: number): PerceptronWeights {
  return {
    labels,
    hashBits,
    emission: new Float32Array(1 << hashBits),
    transition: new Float32Array(labels * labels + 2 * labels),
  };
}

/** Allowed predecessors of each label, from the BIOES transition mask. */
export function predecessorLists(labels: number): Int32Array[] {
  const mask = transitionMask(labels);
  const lists: Int32Array[] = [];
  for (let cur = 0; cur < labels; cur++) {
    const prevs: number[] = [];
    for (let prev = 0; prev < labels; prev++) if (mask[prev * labels + cur]) prevs.push(prev);
    lists.push(Int32Array.from(prevs));
  }
  return lists;
}

export function emissionScores(w: PerceptronWeights, f: SequenceFeatures): Float32Array {
  const L = w.labels;
  const mask = (1 << w.hashBits) - 1;
  const out = new Float32Array(f.length * L);
  const table = w.emission;
  for (let i = 0; i < f.length; i++) {
    const row = i * L;
    for (let k = f.offsets[i] as number; k < (f.offsets[i + 1] as number); k++) {
      const base = f.ids[k] as number;
      for (let y = 0; y < L; y++) out[row + y] = (out[row + y] as number) + (table[(base + y) & mask] as number);
    }
  }
  return out;
}

/** Best label sequence under the BIOES constraints. */
export function viterbi(w: PerceptronWeights, scores: Float32Array, n: number, preds: Int32Array[]): Int32Array {
  const L = w.labels;
  const labels = new Int32Array(n);
  if (n === 0) return labels;
  const T = w.transition;
  const startAt = L * L;
  const endAt = L * L + L;
  const delta = new Float64Array(n * L);
  const back = new Int32Array(n * L);
  for (let y = 0; y < L; y++) {
    delta[y] = canStart(y) ? (scores[y] as number) + (T[startAt + y] as number) : Number.NEGATIVE_INFINITY;
  }
  for (let i = 1; i < n; i++) {
    const row = i * L;
    const prevRow = row - L;
    for (let y = 0; y < L; y++) {
      const list = preds[y] as Int32Array;
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let k = 0; k < list.length; k++) {
        const p = list[k] as number;
        const s = (delta[prevRow + p] as number) + (T[p * L + y] as number);
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      delta[row + y] = best + (scores[row + y] as number);
      back[row + y] = arg;
    }
  }
  let best = Number.NEGATIVE_INFINITY;
  let arg = 0;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) {
    if (!canEnd(y)) continue;
    const s = (delta[last + y] as number) + (T[endAt + y] as number);
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  labels[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) labels[i - 1] = back[i * L + (labels[i] as number)] as number;
  return labels;
}

/** Weights plus the running sums that averaging needs (the "lazy averaging" trick: avg = w - acc / steps). */
export class PerceptronTrainer {
  readonly weights: PerceptronWeights;
  private readonly emissionAcc: Float32Array;
  private readonly transitionAcc: Float64Array;
  private steps = 1;

  constructor(labels: number, hashBits: number) {
    this.weights = createWeights(labels, hashBits);
    this.emissionAcc = new Float32Array(1 << hashBits);
    this.transitionAcc = new Float64Array(this.weights.transition.length);
  }

  /** One example: decode, then move weights toward the gold labels where the prediction differs. */
  learn(f: SequenceFeatures, gold: Int32Array, preds: Int32Array[]): boolean {
    const w = this.weights;
    const n = f.length;
    const guess = viterbi(w, emissionScores(w, f), n, preds);
    let wrong = false;
    for (let i = 0; i < n; i++) {
      const g = gold[i] as number;
      const p = guess[i] as number;
      if (g !== p) {
        wrong = true;
        this.bumpEmissions(f, i, g, 1);
        this.bumpEmissions(f, i, p, -1);
      }
      const L = w.labels;
      const gPrev = i === 0 ? L * L + g : (gold[i - 1] as number) * L + g;
      const pPrev = i === 0 ? L * L + p : (guess[i - 1] as number) * L + p;
      if (gPrev !== pPrev) {
        this.bumpTransition(gPrev, 1);
        this.bumpTransition(pPrev, -1);
      }
    }
    if (n > 0) {
      const endAt = w.labels * w.labels + w.labels;
      const g = gold[n - 1] as number;
      const p = guess[n - 1] as number;
      if (g !== p) {
        this.bumpTransition(endAt + g, 1);
        this.bumpTransition(endAt + p, -1);
      }
    }
    this.steps++;
    return wrong;
  }

  private bumpEmissions(f: SequenceFeatures, i: number, label: number, delta: number): void {
    const mask = (1 << this.weights.hashBits) - 1;
    const c = this.steps * delta;
    for (let k = f.offsets[i] as number; k < (f.offsets[i + 1] as number); k++) {
      const at = ((f.ids[k] as number) + label) & mask;
      this.weights.emission[at] = (this.weights.emission[at] as number) + delta;
      this.emissionAcc[at] = (this.emissionAcc[at] as number) + c;
    }
  }

  private bumpTransition(at: number, delta: number): void {
    this.weights.transition[at] = (this.weights.transition[at] as number) + delta;
    this.transitionAcc[at] = (this.transitionAcc[at] as number) + this.steps * delta;
  }

  /** The averaged weights (what generalizes); the trainer should not be used afterwards. */
  averaged(): PerceptronWeights {
    const w = this.weights;
    const out = createWeights(w.labels, w.hashBits);
    for (let i = 0; i < w.emission.length; i++) {
      out.emission[i] = (w.emission[i] as number) - (this.emissionAcc[i] as number) / this.steps;
    }
    for (let i = 0; i < w.transition.length; i++) {
      out.transition[i] = (w.transition[i] as number) - (this.transitionAcc[i] as number) / this.steps;
    }
    return out;
  }
}
