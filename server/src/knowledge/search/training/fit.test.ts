import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from '../features.ts';
import { chooseModel, fitFirstStageOnly, modelChoices } from './fit.ts';

describe('choosing the shipped re-ranker', () => {
  it('keeps the simpler model on a tie: a later one must beat it on held-out top1, or on MRR at equal top1', () => {
    expect(
      chooseModel([
        { top1: 0.6, mrr10: 0.7 },
        { top1: 0.6, mrr10: 0.7 },
      ]),
    ).toBe(0);
    expect(
      chooseModel([
        { top1: 0.6, mrr10: 0.7 },
        { top1: 0.6, mrr10: 0.71 },
      ]),
    ).toBe(1);
    expect(
      chooseModel([
        { top1: 0.6, mrr10: 0.7 },
        { top1: 0.59, mrr10: 0.9 },
        { top1: 0.61, mrr10: 0.5 },
      ]),
    ).toBe(2);
    expect(modelChoices()[0]?.name).toBe('first stage alone');
  });

  it('fits the first stage alone with a positive weight on it and nothing on the other observed features', () => {
    const first = FEATURE_NAMES.indexOf('first_stage');
    const other = FEATURE_NAMES.indexOf('word_cover_q');
    const vec = (fs: number, cover: number) => {
      const f = new Float64Array(FEATURE_NAMES.length);
      f[first] = fs;
      f[other] = cover;
      return f;
    };
    // the right candidate has the higher first-stage score but the lower cover: cover must not leak into the fit
    const examples = Array.from({ length: 20 }, (_, i) => ({
      features: [vec(0.9, 0.1 + i / 100), vec(0.4, 0.8), vec(0.2 + i / 100, 0.6)],
      relevant: [true, false, false],
    }));
    const w = fitFirstStageOnly(examples);
    expect(w.w[first]).toBeGreaterThan(0);
    expect(w.w[other]).toBe(0);
  });
});
