import { describe, expect, it } from 'vitest';
import { auroc, measureSeparation } from './separation.ts';

describe('auroc', () => {
  it('is 1 for perfect separation, 0 for reversed, 0.5 for ties', () => {
    expect(auroc([0.9, 0.8], [0.1, 0.2])).toBe(1);
    expect(auroc([0.1, 0.2], [0.9, 0.8])).toBe(0);
    expect(auroc([0.5, 0.5], [0.5])).toBe(0.5);
  });

  it('counts each pair once (Mann–Whitney)', () => {
    // pairs (pos, neg): (0.9,0.5) win, (0.9,0.7) win, (0.6,0.5) win, (0.6,0.7) loss → 3/4
    expect(auroc([0.9, 0.6], [0.5, 0.7])).toBe(0.75);
    // a tie between 0.5 and 0.5 counts half: (0.5,0.5) half, (0.5,0.2) win → 1.5/2
    expect(auroc([0.5], [0.5, 0.2])).toBe(0.75);
  });

  it('refuses an empty side', () => {
    expect(() => auroc([], [0.1])).toThrow(/both/);
  });
});

describe('measureSeparation', () => {
  const right = (confidence: number) => ({ confidence, correct: true });
  const wrong = (confidence: number) => ({ confidence, correct: false });

  it('finds the best recall within each in-scope loss budget', () => {
    // 10 in-scope messages (one point of loss = one right answer in 10 at maxLoss 0.1)
    const inScope = [right(0.3), wrong(0.2), right(0.9), right(0.9), right(0.8), right(0.8), right(0.7)];
    inScope.push(right(0.95), right(0.95), right(0.6));
    const oos = [0.1, 0.25, 0.35, 0.5, 0.65];
    const s = measureSeparation(inScope, oos, [0, 0.1, 0.2])!;
    // no right answer lost: reject below 0.3 → 0.1 and 0.25 (the wrong 0.2 costs nothing)
    expect(s.bestRecallAt[0]).toEqual({ maxLoss: 0, oosRecall: 2 / 5 });
    // one right answer (0.3) lost: reject below 0.6 → 0.1, 0.25, 0.35, 0.5
    expect(s.bestRecallAt[1]).toEqual({ maxLoss: 0.1, oosRecall: 4 / 5 });
    // two lost (0.3, 0.6): reject below 0.7 → every out-of-scope message
    expect(s.bestRecallAt[2]).toEqual({ maxLoss: 0.2, oosRecall: 1 });
    expect(s.auroc).toBeGreaterThan(0.8);
  });

  it('does not split messages of equal confidence', () => {
    const s = measureSeparation([right(0.5), right(0.9)], [0.5], [0])!;
    expect(s.bestRecallAt[0]!.oosRecall).toBe(0);
  });

  it('is undefined without both kinds of message', () => {
    expect(measureSeparation([], [0.1])).toBeUndefined();
    expect(measureSeparation([right(0.5)], [])).toBeUndefined();
  });
});
