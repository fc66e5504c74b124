import { describe, expect, it } from 'vitest';
import { PairIds } from './side-pairs.ts';

describe('pair ids', () => {
  it('gives back the id of every pair recorded, -1 for the others, across growth', () => {
    const pairs = new PairIds();
    const reference = new Map<string, number>();
    let next = 0;
    // dense small ids and a few large ones, both orders of each pair
    for (let a = 0; a < 120; a++) {
      for (let b = 0; b < 40; b++) {
        const x = a % 7 === 0 ? a * 100_003 : a;
        pairs.set(x, b, next);
        reference.set(`${x} ${b}`, next++);
      }
    }
    expect(reference.size).toBe(4_800);
    for (const [key, id] of reference) {
      const [a, b] = key.split(' ').map(Number) as [number, number];
      expect(pairs.get(a, b)).toBe(id);
    }
    expect(pairs.get(1, 40)).toBe(-1);
    expect(pairs.get(200, 1)).toBe(-1);
    expect(pairs.get(7, 0)).toBe(-1); // 7 was recorded as 700,021
  });
});
