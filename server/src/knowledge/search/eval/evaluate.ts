// Runs the pair-set protocol (pairs.ts) against the search index: builds the index from the entries, asks every
// query, and scores rank of the query's group entry. Nothing here knows which pair set it is given, and nothing is
// fitted on it: the re-ranker's defaults come from the project's own corpus (../training).
import { performance } from 'node:perf_hooks';
import { questionDoc } from '../question-doc.ts';
import { createSearchIndex, type SearchInternals } from '../search-index.ts';
import type { RerankWeights, SearchIndex } from '../types.ts';
import type { PairSet } from './pairs.ts';

export interface Scores {
  queries: number;
  top1: number;
  recall5: number;
  mrr10: number;
}

export interface EvalReport {
  entries: number;
  queries: number;
  top1: number;
  recall5: number;
  mrr10: number;
  index_seconds: number;
  latency_ms: { p50: number; p99: number };
}

export function buildIndex(
  set: PairSet,
  weights?: RerankWeights,
): { index: SearchIndex & SearchInternals; seconds: number } {
  const started = performance.now();
  const index = createSearchIndex(weights ? { weights } : {});
  for (const e of set.entries) index.upsert(questionDoc(e.id, e.text));
  return { index, seconds: (performance.now() - started) / 1000 };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

class Tally {
  n = 0;
  top1 = 0;
  recall5 = 0;
  rr = 0;
  add(rank: number): void {
    this.n++;
    if (rank === 1) this.top1++;
    if (rank >= 1 && rank <= 5) this.recall5++;
    if (rank >= 1 && rank <= 10) this.rr += 1 / rank;
  }
  scores(): Scores {
    const d = Math.max(1, this.n);
    return { queries: this.n, top1: this.top1 / d, recall5: this.recall5 / d, mrr10: this.rr / d };
  }
}

export function evaluatePairs(set: PairSet, opts: { weights?: RerankWeights } = {}): EvalReport {
  const { index, seconds } = buildIndex(set, opts.weights);
  const all = new Tally();
  const latencies: number[] = [];
  for (const q of set.queries) {
    const started = performance.now();
    const hits = index.search(q.text, { limit: 10 });
    latencies.push(performance.now() - started);
    const target = `g${q.group}`;
    const rank = hits.findIndex((h) => h.docId === target) + 1;
    all.add(rank);
  }
  latencies.sort((a, b) => a - b);
  const s = all.scores();
  return {
    entries: set.entries.length,
    queries: set.queries.length,
    top1: s.top1,
    recall5: s.recall5,
    mrr10: s.mrr10,
    index_seconds: seconds,
    latency_ms: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
  };
}
