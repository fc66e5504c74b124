import { describe, expect, it } from 'vitest';
import { analyze } from './analyzer.ts';
import { createSegmenter } from './nlu-adapter.ts';
import { QuestionUnits } from './question-units.ts';

const seg = createSegmenter();

const QUESTIONS = [
  '退款多久能到账？',
  '退款退款，怎么退？', // a repeated word and character, punctuation between bigrams
  'How long does a refund take?',
  'iPhone15 怎么开发票',
  '忘记登录密码怎么办',
];

describe('question units', () => {
  it('post a question by term id with exactly the terms and frequencies analyze() keys', () => {
    const units = new QuestionUnits(seg, []);
    for (const [i, q] of QUESTIONS.entries()) expect(units.add(i, 'title', q)?.unit).toBe(i);
    const expected = new Map<string, number>();
    for (const [i, q] of QUESTIONS.entries())
      for (const [key, tf] of analyze(q, seg).terms) {
        expected.set(key, (expected.get(key) ?? 0) + 1);
        expect([i, key, units.index.tf(key, i)]).toEqual([i, key, tf]);
      }
    for (const [key, df] of expected) expect([key, units.index.df(key)]).toEqual([key, df]);
    // the repeats of "退款退款，怎么退？" are posted as such: 退 three times, 款 and the bigram 退款 twice
    expect([units.index.tf('c退', 1), units.index.tf('c款', 1), units.index.tf('b退 款', 1)]).toEqual([3, 2, 2]);
    // nothing analyze() does not key: no bigram across the comma of "退款，怎么"
    expect(units.index.df('b款 怎')).toBe(0);
    expect(units.index.tf('b款 怎', 1)).toBe(0);
  });

  it('weigh a term by how often a question holds it (BM25), lengths being equal', () => {
    const units = new QuestionUnits(seg, []);
    // six characters each: 退 three times in the first, once in the second
    units.add(0, 'title', '退货退款退钱');
    units.add(1, 'title', '退货要多少钱');
    expect([units.index.tf('c退', 0), units.index.tf('c退', 1)]).toEqual([3, 1]);
    const scores = units.index.buffer();
    units.index.score([{ key: 'c退', weight: 1 }], [1, 1, 1, 1], scores, 100);
    expect(scores[0]).toBeGreaterThan(scores[1] as number);
    expect(scores[1]).toBeGreaterThan(0);
  });

  it('remove a question: its terms no longer count', () => {
    const units = new QuestionUnits(seg, []);
    units.add(0, 'title', QUESTIONS[0] as string);
    units.add(1, 'title', QUESTIONS[1] as string);
    expect(units.index.df('c退')).toBe(2);
    units.remove(0);
    expect(units.index.df('c退')).toBe(1);
    expect(units.index.df('w到账')).toBe(0);
    expect(units.index.liveUnits).toBe(1);
  });
});
