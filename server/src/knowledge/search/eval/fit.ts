// Fits re-ranker weights on the "tune" half of a pair set (groups chosen by a hash of their entry question, see
// pairs.ts), never on the queries that are then reported as holdout.

import type { BoostOptions } from '../boosted-trees.ts';
import { FEATURE_NAMES } from '../features.ts';
import { fitReranker, type RankingExample } from '../reranker.ts';
import type { RerankWeights } from '../types.ts';
import { buildIndex } from './evaluate.ts';
import { halfOf, type PairSet } from './pairs.ts';

export function fitOnTuneHalf(
  set: PairSet,
  opts: { l2?: number; trees?: BoostOptions | false } = {},
): { weights: RerankWeights; examples: number } {
  const { index } = buildIndex(set);
  const tuneGroups = new Set<number>();
  for (const e of set.entries) if (e.group !== null && halfOf(e.text) === 'tune') tuneGroups.add(e.group);
  const examples: RankingExample[] = [];
  for (const q of set.queries) {
    if (!tuneGroups.has(q.group)) continue;
    const candidates = index.candidates(q.text);
    if (candidates.length === 0) continue;
    const target = `g${q.group}`;
    examples.push({ features: candidates.map((c) => c.features), relevant: candidates.map((c) => c.docId === target) });
  }
  // A pair set has no bodies and no feedback: those features never vary there, so they keep hand-set weights
  // (a matching answer body helps; a question this very answer resolved before is strong evidence).
  const fixed = new Map<number, number>();
  FEATURE_NAMES.forEach((name, i) => {
    const values = new Set(examples.flatMap((ex) => ex.features.map((f) => f[i] as number)));
    if (values.size <= 1) fixed.set(i, UNOBSERVED_WEIGHTS[name] ?? 0);
  });
  const weights = fitReranker(examples, { l2: opts.l2, trees: opts.trees ?? { trees: 60, depth: 3 }, fixed });
  return { weights, examples: examples.length };
}

const UNOBSERVED_WEIGHTS: Partial<Record<(typeof FEATURE_NAMES)[number], number>> = {
  body: 2,
  learned_feedback: 4,
  expansion_matched: 1,
};
