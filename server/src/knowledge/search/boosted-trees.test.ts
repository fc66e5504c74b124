import { describe, expect, it } from 'vitest';
import { fitBoostedTrees, treeScore } from './boosted-trees.ts';

describe('boosted trees', () => {
  it('learn an interaction a linear score cannot: right only when feature 0 is high AND feature 1 is low', () => {
    const features: number[][] = [];
    const queries: { rows: number[]; relevant: boolean[] }[] = [];
    for (let q = 0; q < 30; q++) {
      const rows = [
        [0.9, 0.1 + (q % 3) * 0.05], // right
        [0.9, 0.9], // high overlap but a mismatch flag
        [0.2, 0.1],
      ].map((f) => features.push(f) - 1);
      queries.push({ rows, relevant: [true, false, false] });
    }
    const trees = fitBoostedTrees(features, new Array(features.length).fill(0), queries, { trees: 20, depth: 2 });
    expect(trees.length).toBe(20);
    const right = treeScore(trees, [0.9, 0.1]);
    expect(right).toBeGreaterThan(treeScore(trees, [0.9, 0.9]));
    expect(right).toBeGreaterThan(treeScore(trees, [0.2, 0.1]));
    // deterministic
    expect(fitBoostedTrees(features, new Array(features.length).fill(0), queries, { trees: 20, depth: 2 })).toEqual(
      trees,
    );
  });
});
