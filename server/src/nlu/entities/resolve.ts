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
  for (const c of ranked) {
    if (c.end <= c.start) continue;
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start).map(({ priority: _priority, ...entity }) => entity);
}
