// How well a model's in-scope confidence separates messages it should answer from messages it should reject,
// whatever the threshold. The out-of-scope recall of one threshold mixes two things: how well the confidence
// separates the two kinds of message, and where the threshold landed. These figures isolate the first, so a change
// to the model can be judged apart from the noise of a threshold chosen on a few held-out rounds.
import type { InScopeOutcome } from './calibrate.ts';

export interface Separation {
  /** Probability that an in-scope message scores above an out-of-scope one (ties count half): 0.5 = no signal. */
  auroc: number;
  /**
   * The largest share of out-of-scope messages one threshold rejects while costing at most `maxLoss` of in-scope
   * accuracy (0.01 = one point: right answers rejected, over all in-scope messages), as `chooseThreshold` counts
   * it. Computed on the rows given: on an evaluation set it is the ceiling any threshold could reach there, never
   * a way to choose one.
   */
  bestRecallAt: Array<{ maxLoss: number; oosRecall: number }>;
}

/**
 * `inScope`: each in-scope message's confidence (0 when rejected whatever the threshold) and whether the top
 * intent was right; `outOfScope`: each out-of-scope message's confidence. Undefined when either side is empty.
 */
export function measureSeparation(
  inScope: InScopeOutcome[],
  outOfScope: number[],
  maxLosses: number[] = [0.01, 0.02],
): Separation | undefined {
  if (inScope.length === 0 || outOfScope.length === 0) return undefined;
  return {
    auroc: auroc(
      inScope.map((o) => o.confidence),
      outOfScope,
    ),
    bestRecallAt: maxLosses.map((maxLoss) => ({ maxLoss, oosRecall: bestRecall(inScope, outOfScope, maxLoss) })),
  };
}

/**
 * Every threshold worth trying sits just above an observed confidence (rejecting `confidence < t`): sweeping them
 * upwards, lost right answers and rejected out-of-scope messages only grow, so the last one within budget wins.
 */
function bestRecall(inScope: InScopeOutcome[], outOfScope: number[], maxLoss: number): number {
  const events = [
    ...inScope.filter((o) => o.correct).map((o) => ({ s: o.confidence, oos: false })),
    ...outOfScope.map((s) => ({ s, oos: true })),
  ].sort((a, b) => a.s - b.s);
  const lossBudget = maxLoss * inScope.length + 1e-9;
  let lost = 0;
  let rejected = 0;
  let best = 0;
  for (let i = 0; i < events.length; ) {
    // a threshold cannot split equal confidences: take every message at this confidence together
    let j = i;
    while (j < events.length && events[j]!.s === events[i]!.s) {
      if (events[j]!.oos) rejected++;
      else lost++;
      j++;
    }
    if (lost > lossBudget) break;
    best = rejected;
    i = j;
  }
  return best / outOfScope.length;
}

/** Mann–Whitney estimate of P(positive > negative), ties counted half, in O(n log n). */
export function auroc(positive: number[], negative: number[]): number {
  if (positive.length === 0 || negative.length === 0) throw new Error('auroc needs both positive and negative scores');
  const scored = [...positive.map((s) => ({ s, pos: true })), ...negative.map((s) => ({ s, pos: false }))];
  scored.sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < scored.length; ) {
    let j = i;
    while (j < scored.length && scored[j]!.s === scored[i]!.s) j++;
    // a run of equal scores shares the mean of ranks i+1 … j
    const meanRank = (i + 1 + j) / 2;
    for (let m = i; m < j; m++) if (scored[m]!.pos) rankSum += meanRank;
    i = j;
  }
  const p = positive.length;
  return (rankSum - (p * (p + 1)) / 2) / (p * negative.length);
}
