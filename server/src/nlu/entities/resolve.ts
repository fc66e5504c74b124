// Overlapping matches: the longest wins, then the more specific kind (priority), then the more confident one.
import type { Entity } from '../types.ts';

export interface Candidate extends Entity {
  priority: number;
}

export function resolveOverlaps(candidates: readonly Candidate[]): Entity[] {
  const ranked = [...candidates].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      b.priority - a.priority ||
      b.confidence - a.confidence ||
      a.start - b.start,
  );
  const kept: Candidate[] = [];
  // characters already taken: checking a span costs its length, not the number of kept entities
  const taken = new Uint8Array(ranked.reduce((max, c) => Math.max(max, c.end), 0));
  for (const c of ranked) {
    if (c.end <= c.start || c.start < 0) continue;
    let free = true;
    for (let i = c.start; i < c.end && free; i++) if (taken[i]) free = false;
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start).map(({ priority: _priority, ...entity }) => entity);
}
