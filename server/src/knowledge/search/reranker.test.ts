import { describe, expect, it } from 'vitest';
import { confidenceOf, fitLogistic, fitReranker, rerankScore, sigmoid } from './reranker.ts';

describe('re-ranker', () => {
  it('fits a logistic regression deterministically', () => {
    const rows = [[0], [1], [2], [3], [4], [5]];
    const labels = [0, 0, 0, 1, 1, 1];
    const a = fitLogistic(rows, labels, { l2: 0.1, bias: true });
    const b = fitLogistic(rows, labels, { l2: 0.1, bias: true });
    expect(a).toEqual(b);
    expect(a.w[0]).toBeGreaterThan(0);
    expect(sigmoid((a.w[0] as number) * 2.5 + a.bias)).toBeCloseTo(0.5, 1);
  });

  it('learns to rank the right candidate first and calibrates the score into a probability', () => {
    // feature 0 tells right from wrong, feature 1 is noise
    const examples = Array.from({ length: 40 }, (_, q) => ({
      features: [
        [0.8 + (q % 3) * 0.05, (q * 7) % 5],
        [0.3, (q * 3) % 5],
        [0.1 + (q % 4) * 0.1, q % 5],
      ],
      relevant: [true, false, false],
    }));
    const weights = fitReranker(examples);
    expect(weights.w[0]).toBeGreaterThan(Math.abs(weights.w[1] as number));
    const right = confidenceOf(weights, rerankScore(weights, [0.85, 2]));
    const wrong = confidenceOf(weights, rerankScore(weights, [0.2, 2]));
    expect(right).toBeGreaterThan(0.5);
    expect(wrong).toBeLessThan(0.5);
  });

  it('keeps confidence within [0, 1] and monotone in the score, even at extremes', () => {
    const weights = { bias: 0, w: [1], calibration: { a: 0.8, b: -3 } };
    let previous = -1;
    for (const s of [-1e9, -50, -1, 0, 1, 3.75, 50, 1e9]) {
      const c = confidenceOf(weights, s);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
      expect(c).toBeGreaterThanOrEqual(previous);
      previous = c;
    }
  });
});
