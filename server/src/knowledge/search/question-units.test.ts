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
    for (const q of QUESTIONS)
      for (const key of analyze(q, seg).terms.keys()) expected.set(key, (expected.get(key) ?? 0) + 1);
    for (const [key, df] of expected) expect([key, units.index.df(key)]).toEqual([key, df]);
    // term frequencies: "退款" twice in one question weighs more there than once in another (BM25)
    const scores = units.index.buffer();
    units.index.score([{ key: 'w退款', weight: 1 }], [1, 1, 0, 0], scores, 100);
    expect(scores[1]).toBeGreaterThan(scores[0] as number);
    // nothing analyze() does not key: no bigram across the comma of "退款，怎么"
    expect(units.index.df('b款 怎')).toBe(0);
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
