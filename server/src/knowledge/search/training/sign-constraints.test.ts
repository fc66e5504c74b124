import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from '../features.ts';
import { fitExamples } from './fit.ts';
import { featureIndex, MISMATCH_FEATURES } from './sign-constraints.ts';

describe('mismatch features', () => {
  it('never get a positive weight, even where the examples would give them one', () => {
    const first = FEATURE_NAMES.indexOf('first_stage');
    const mismatch = FEATURE_NAMES.indexOf('question_type_mismatch');
    expect(MISMATCH_FEATURES).toContain(mismatch);
    const vec = (fs: number, m: number) => {
      const f = new Float64Array(FEATURE_NAMES.length);
      f[first] = fs;
      f[mismatch] = m;
      return f;
    };
    // the right candidate is the one with the mismatch more often than not: a free fit would reward it
    const examples = Array.from({ length: 30 }, (_, i) => ({
      features: [vec(0.5 + (i % 5) / 20, i % 4 === 0 ? 0 : 1), vec(0.6, 0), vec(0.4 + (i % 3) / 10, 0.5)],
      relevant: [true, false, false],
    }));
    const free = fitExamples(examples, { exclude: [] });
    expect(free.w[mismatch]).toBe(0);
    expect(free.w[first]).toBeGreaterThan(0);
    for (const i of MISMATCH_FEATURES) expect(free.w[i] ?? 0).toBeLessThanOrEqual(0);
  });

  it('refuses a feature name the re-ranker does not have instead of constraining column -1', () => {
    expect(featureIndex('question_type_mismatch')).toBe(FEATURE_NAMES.indexOf('question_type_mismatch'));
    expect(() => featureIndex('question_kind_mismatch')).toThrow(/no feature named "question_kind_mismatch"/);
  });
});
