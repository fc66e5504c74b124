// Fits re-ranker weights on the "tune" half of a pair set (groups chosen by a hash of their entry question, see
// pairs.ts), never on the queries that are then reported as holdout.
import { fitReranker, type RankingExample } from '../reranker.ts';
import type { RerankWeights } from '../types.ts';
import { buildIndex } from './evaluate.ts';
import { halfOf, type PairSet } from './pairs.ts';

export function fitOnTuneHalf(set: PairSet, opts: { l2?: number } = {}): { weights: RerankWeights; examples: number } {
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
  return { weights: fitReranker(examples, { l2: opts.l2 }), examples: examples.length };
}
