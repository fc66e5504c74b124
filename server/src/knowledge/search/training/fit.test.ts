import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from '../features.ts';
import { fitCalibration } from '../reranker.ts';
import { parseCorpus } from './corpus.ts';
import { chooseModel, fitChoice, fitFirstStageOnly, isGeneralGroup, modelChoices, queryEvidence } from './fit.ts';

describe('choosing the shipped re-ranker', () => {
  it('chooses by held-out top1, counting differences within one standard error as ties broken by fewer confident wrong hits', () => {
    const s = (top1: number, wrongConfident: number, mrr10 = 0.7) => ({ queries: 400, top1, mrr10, wrongConfident });
    // one standard error at 60% on 400 queries is ~2.4 points
    expect(chooseModel([s(0.5, 0.1), s(0.6, 0.2), s(0.59, 0.15)])).toBe(2);
    expect(chooseModel([s(0.5, 0.1), s(0.6, 0.2), s(0.5, 0.05)])).toBe(1); // too far below the best
    expect(chooseModel([s(0.5, 0.1), s(0.6, 0.2), s(0.6, 0.2)])).toBe(1); // a full tie: the simpler
    expect(chooseModel([s(0.5, 0.3), s(0.6, 0.2), s(0.59, 0.1), s(0.58, 0.1, 0.8)])).toBe(3); // then MRR
    expect(chooseModel([s(0.6, 0.1), s(0.5, 0.0)])).toBe(0); // below the first stage alone: never
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
    // features the examples cannot show (body, feedback, expansion) get nothing either, not their hand-set weights:
    // the first stage alone ranks as the first stage does, and the anchored fits take it as their prior
    w.w.forEach((weight, i) => {
      if (i !== first) expect(weight, FEATURE_NAMES[i]).toBe(0);
    });
    expect(fitFirstStageOnly(examples)).toBe(w); // fitted once per example set
  });

  it('offers models fitted on the general-domain groups alone, told apart by their source file', () => {
    const corpus = {
      groups: [
        ...parseCorpus('怎么退款\n腿款怎么弄\n', 'ecommerce.txt').groups,
        ...parseCorpus('电脑怎么截图\n电脑截屏怎么弄\n', 'general-digital.txt').groups,
        ...parseCorpus('how do I reset it\nhow to reset\n', 'english-near-duplicates.txt').groups,
      ],
      unanswered: [],
    };
    const general = isGeneralGroup(corpus);
    expect([0, 1, 2].map(general)).toEqual([false, true, true]);
    expect(modelChoices().filter((m) => m.groups === 'general').length).toBeGreaterThan(0);
  });

  it('ranks a general-groups model by the general examples but calibrates it on every group', () => {
    const first = FEATURE_NAMES.indexOf('first_stage');
    const cover = FEATURE_NAMES.indexOf('word_cover_q');
    const vec = (fs: number, c: number) => {
      const f = new Float64Array(FEATURE_NAMES.length);
      f[first] = fs;
      f[cover] = c;
      return f;
    };
    const general = Array.from({ length: 20 }, (_, i) => ({
      features: [vec(0.9, 0.8 - i / 100), vec(0.5, 0.3), vec(0.3 + i / 100, 0.2)],
      relevant: [true, false, false],
    }));
    // customer-service examples whose right answer is often missing: confidence must come out lower
    const other = Array.from({ length: 40 }, (_, i) => ({
      features: [vec(0.9, 0.7), vec(0.6 + i / 200, 0.5)],
      relevant: [i % 3 === 0, false],
    }));
    const all = [...general, ...other];
    const choice = modelChoices().find((m) => m.groups === 'general');
    if (!choice) throw new Error('no general-groups choice');
    const ranked = choice.fit(general);
    const shipped = fitChoice(choice, { all, general });
    expect(shipped.w).toEqual(ranked.w);
    expect(shipped.calibration).toEqual(fitCalibration(ranked, all, queryEvidence).calibration);
    expect(shipped.calibration).not.toEqual(ranked.calibration);
  });
});
