// Features that say two questions differ (another number, a negation, another question word, a specific word one side
// lacks) may lower a candidate's score, never raise it. Fitted freely, their weights came out positive (0.13 to 1.17:
// correlated with the covers, they absorbed what those over-counted), which ranks a question that asks something else
// higher for asking it. Held out (session 4, corpus fifth / general-domain validation, top1): anchored l2=10 on the
// general groups 68.72 / 54.37% free, 68.54 / 55.88% constrained; linear on the general groups 67.81 / 54.98% →
// 67.63 / 56.79%; anchored l2=10 on all groups 68.72 / 50.98% → 68.54 / 52.79%.
import { FEATURE_NAMES } from '../features.ts';
import type { RerankWeights } from '../types.ts';

export const MISMATCH_FEATURES: readonly number[] = [
  'number_mismatch',
  'negation_mismatch',
  'question_type_mismatch',
  'unmatched_c_max_idf',
  'unmatched_q_max_idf',
].map((name) => FEATURE_NAMES.indexOf(name as (typeof FEATURE_NAMES)[number]));

/**
 * Fits with `fit(excluded)`, and while a mismatch feature's weight comes out positive, leaves it out (weight 0) and
 * fits again: the non-negativity of the penalty by active set, a handful of fits at most.
 */
export function fitWithMismatchPenalties(
  fit: (excluded: readonly number[]) => RerankWeights,
  excluded: readonly number[] = [],
): RerankWeights {
  const out = [...excluded];
  for (;;) {
    const weights = fit(out);
    const wrong = MISMATCH_FEATURES.filter((i) => !out.includes(i) && (weights.w[i] ?? 0) > 0);
    if (wrong.length === 0) return weights;
    out.push(...wrong);
  }
}
