import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS } from '../reranker-weights.ts';
import { loadCorpus, parseCorpus, VALIDATION_DIR } from './corpus.ts';
import {
  loadGeneralValidation,
  loadUntouchedValidation,
  pooledScores,
  top1StandardError,
  VALIDATION_ROTATIONS,
  validateGeneral,
} from './validation.ts';

describe('general-domain validation set', () => {
  it('ships apart from the fitting corpus: several hundred groups, each with a paraphrase, and hard negatives', () => {
    const v = loadGeneralValidation(loadCorpus());
    expect(v.corpus.groups.length).toBeGreaterThanOrEqual(250);
    expect(v.corpus.groups.every((g) => g.paraphrases.length >= 1 && g.negatives.length >= 1)).toBe(true);
    // the fitting corpus does not read the validation folder
    const fitted = new Set(loadCorpus().groups.map((g) => g.source.split(':')[0]));
    expect([...fitted].some((f) => f?.startsWith('general-qa-'))).toBe(false);
    expect(VALIDATION_DIR.pathname.endsWith('/corpus/validation/')).toBe(true);
  });

  it('scores only groups that share no phrasing with the fitting corpus, every phrasing once as the entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lingxi-val-'));
    writeFileSync(
      join(dir, 'general-qa-x.txt'),
      '电脑怎么截图\n电脑怎样截图\n! 电脑怎么录屏\n\n手机怎么截图\n手机截屏怎么弄\n! 手机怎么录屏\n',
    );
    const fitting = parseCorpus('手机截屏怎么弄\n手机截图的方法\n');
    const v = loadGeneralValidation(fitting, dir);
    expect([0, 1].map(v.scored)).toEqual([true, false]);
    const s = validateGeneral(v, DEFAULT_WEIGHTS);
    // group 0 only: two phrasings, each the entry once, the other its query (the same question after synonyms)
    expect(s.queries).toBe(Math.min(2, VALIDATION_ROTATIONS));
    expect(s.top1).toBe(1);
    // no unanswered questions in the set: no share of them is reported
    expect(s.unansweredConfident).toBeUndefined();
  });

  it('does not score groups with a phrasing the fit saw as a hard negative or an unanswered question', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lingxi-val-'));
    writeFileSync(
      join(dir, 'general-qa-x.txt'),
      '电脑怎么截图\n电脑怎样截图\n\n手机怎么截图\n手机截屏怎么弄\n\n平板怎么截图\n平板截屏的方法\n',
    );
    const fitting = parseCorpus('手机怎么录屏\n手机录屏的方法\n! 手机怎么截图\n\n? 平板截屏的方法\n');
    expect([0, 1, 2].map(loadGeneralValidation(fitting, dir).scored)).toEqual([true, false, false]);
  });

  it('scores the untouched set apart from the tuning set: a group sharing a phrasing with it is not scored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lingxi-val-'));
    writeFileSync(join(dir, 'general-qa-u.txt'), '电脑怎么截图\n电脑怎样截图\n\n手机怎么截图\n手机截屏怎么弄\n');
    const tuning = parseCorpus('手机截屏怎么弄\n手机截图的方法\n! 电脑怎样截图\n');
    const v = loadUntouchedValidation(parseCorpus(''), tuning, dir);
    // the second shares a phrasing, the first is worded like a tuning-set hard negative
    expect([0, 1].map(v.scored)).toEqual([false, false]);
    const apart = loadUntouchedValidation(parseCorpus(''), parseCorpus('手机截屏怎么弄\n手机截图的方法\n'), dir);
    expect([0, 1].map(apart.scored)).toEqual([true, false]);
    // the shipped untouched set shares no folder with the tuning set
    const shipped = loadUntouchedValidation(loadCorpus(), loadCorpus(VALIDATION_DIR));
    expect(shipped.corpus.groups.length).toBeGreaterThanOrEqual(150);
    expect(shipped.corpus.groups.every((g) => g.source.startsWith('general-qa-untouched-'))).toBe(true);
  });

  it('gives top1 a standard error over groups, not over queries a group shares', () => {
    // 10 groups of 3 queries: 5 groups all right, 5 all wrong. As 30 independent queries the SE would be 9.1 points
    const byTarget = new Map(Array.from({ length: 10 }, (_, i) => [`g${i}`, [3, i < 5 ? 3 : 0] as [number, number]]));
    expect(top1StandardError(byTarget)).toBeCloseTo((Math.sqrt(10 / 9) * Math.sqrt(10 * 1.5 ** 2)) / 30, 10);
    expect(top1StandardError(byTarget)).toBeGreaterThan(Math.sqrt(0.25 / 30));
    expect(top1StandardError(new Map([['g0', [3, 1]]]))).toBe(0);
  });

  it('pools validation sets by their queries: top1 and MRR per query, confident wrong hits per wrong hit, unanswered per unanswered', () => {
    const a = {
      queries: 100,
      top1: 0.5,
      mrr10: 0.6,
      rightConfidence: 0.4,
      wrongConfident: 0.2,
      unanswered: 30,
      unansweredConfident: 0.1,
    };
    const b = {
      queries: 300,
      top1: 0.7,
      mrr10: 0.8,
      rightConfidence: 0.6,
      wrongConfident: 0.1,
    };
    const p = pooledScores([a, b]);
    expect(p.queries).toBe(400);
    expect(p.top1).toBeCloseTo(0.65);
    expect(p.mrr10).toBeCloseTo(0.75);
    expect(p.rightConfidence).toBeCloseTo((0.4 * 50 + 0.6 * 210) / 260);
    expect(p.wrongConfident).toBeCloseTo((0.2 * 50 + 0.1 * 90) / 140);
    // only the set with unanswered questions counts toward their share
    expect(p.unanswered).toBe(30);
    expect(p.unansweredConfident).toBeCloseTo(0.1);
    expect(pooledScores([b]).unansweredConfident).toBeUndefined();
  });
});
