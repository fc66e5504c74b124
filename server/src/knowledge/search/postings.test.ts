import { describe, expect, it } from 'vitest';
import { InvertedIndex } from './postings.ts';
import { TermTable } from './term-table.ts';

describe('inverted index', () => {
  it('adds a unit by term ids exactly as by term keys (df, idf, BM25), and removes it by keys', () => {
    const byKey = new InvertedIndex();
    const terms = new TermTable();
    const byId = new InvertedIndex(terms);
    const units = [
      new Map([
        ['w退款', 1],
        ['c退', 2],
        ['b退 款', 1],
      ]),
      new Map([
        ['w退货', 1],
        ['c退', 1],
      ]),
    ];
    for (const u of units) {
      byKey.add(u);
      byId.addIds(
        [...u.keys()].map((k) => terms.intern(k)),
        [...u.values()],
      );
    }
    for (const key of ['w退款', 'c退', 'b退 款', 'w退货', 'w没有']) {
      expect(byId.df(key)).toBe(byKey.df(key));
      expect(byId.idf(key)).toBeCloseTo(byKey.idf(key), 12);
    }
    const query = [
      { key: 'c退', weight: 1 },
      { key: 'w退款', weight: 1 },
    ];
    const a = byKey.buffer();
    const b = byId.buffer();
    byKey.score(query, [1, 0.35, 0.7, 0.25], a, 100);
    byId.score(query, [1, 0.35, 0.7, 0.25], b, 100);
    expect([...b.subarray(0, 2)]).toEqual([...a.subarray(0, 2)]);
    byId.remove(0, units[0] as Map<string, number>);
    expect(byId.df('c退')).toBe(1);
    expect(byId.df('w退款')).toBe(0);
    expect(byId.idfOfId(terms.lookup('w退款'))).toBe(byId.maxIdf());
  });

  it('counts the terms of a counted kind (df, idf) without posting them, and refuses to walk them', () => {
    const posted = new InvertedIndex();
    const counted = new InvertedIndex(new TermTable(), undefined, [false, false, true]);
    const units = [
      new Map([
        ['w退款', 1],
        ['b退 款', 1],
      ]),
      new Map([['b退 款', 1]]),
    ];
    for (const u of units) {
      posted.add(u);
      counted.add(u);
    }
    expect(counted.df('b退 款')).toBe(2);
    expect(counted.idf('b退 款')).toBe(posted.idf('b退 款'));
    const scores = counted.buffer();
    counted.score([{ key: 'w退款', weight: 1 }], [1, 1, 0, 0], scores, 100);
    expect(scores[0]).toBeGreaterThan(0);
    expect(() => counted.score([{ key: 'b退 款', weight: 1 }], [1, 1, 1, 0], counted.buffer(), 100)).toThrow(/counted/);
    counted.remove(1, units[1] as Map<string, number>);
    expect(counted.df('b退 款')).toBe(1);
  });
});
