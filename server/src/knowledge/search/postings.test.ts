import { describe, expect, it, vi } from 'vitest';
import { InvertedIndex, idfOf } from './postings.ts';
import { TermTable } from './term-table.ts';

/** Adds units given as term key → tf maps, by id (what the question units and bodies do). */
function addAll(index: InvertedIndex, units: Map<string, number>[]): void {
  for (const u of units) {
    index.addIds(
      [...u.keys()].map((k) => index.terms.intern(k)),
      [...u.values()],
    );
  }
}

const K1 = 1.2;
const B = 0.75;

/** BM25 of one term in one unit, written out (the formula postings.ts must follow). */
function bm25(weight: number, idf: number, tf: number, len: number, avgLen: number): number {
  return (weight * idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avgLen));
}

describe('inverted index', () => {
  it('adds units by term id: document frequency, idf and BM25 per kind; removal by keys fixes them', () => {
    const index = new InvertedIndex();
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
    addAll(index, units);
    expect(index.df('c退')).toBe(2);
    expect(index.df('w退款')).toBe(1);
    expect(index.df('w没有')).toBe(0);
    expect(index.idf('w退款')).toBeCloseTo(idfOf(2, 1), 12);
    const weights = [1, 0.35, 0.7, 0.25];
    const scores = index.buffer();
    const { count, skipped } = index.score(
      [
        { key: 'c退', weight: 1 },
        { key: 'w退款', weight: 0.5 },
      ],
      weights,
      scores,
      100,
    );
    expect(count).toBe(2);
    expect(skipped).toEqual([]);
    // words: lengths 1 and 1 (avg 1); characters: 2 and 1 (avg 1.5)
    const c0 = bm25(0.35, idfOf(2, 2), 2, 2, 1.5);
    const c1 = bm25(0.35, idfOf(2, 2), 1, 1, 1.5);
    const w0 = bm25(0.5, idfOf(2, 1), 1, 1, 1);
    expect(scores[0]).toBeCloseTo(c0 + w0, 6);
    expect(scores[1]).toBeCloseTo(c1, 6);
    index.remove(0, units[0] as Map<string, number>);
    expect(index.df('c退')).toBe(1);
    expect(index.df('w退款')).toBe(0);
    expect(index.idfOfId(index.terms.lookup('w退款'))).toBe(index.maxIdf());
  });

  it('walks the rarest terms first and skips the common ones past the budget', () => {
    const index = new InvertedIndex();
    addAll(index, [
      new Map([
        ['w退款', 1],
        ['c退', 1],
      ]),
      new Map([['c退', 1]]),
      new Map([['c退', 1]]),
    ]);
    const common = { key: 'c退', weight: 1 };
    const { count, skipped } = index.score([common, { key: 'w退款', weight: 1 }], [1, 1, 0, 0], index.buffer(), 2);
    expect(count).toBe(1);
    expect(skipped).toEqual([common]);
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
    addAll(posted, units);
    addAll(counted, units);
    expect(counted.df('b退 款')).toBe(2);
    expect(counted.idf('b退 款')).toBe(posted.idf('b退 款'));
    const scores = counted.buffer();
    counted.score([{ key: 'w退款', weight: 1 }], [1, 1, 0, 0], scores, 100);
    expect(scores[0]).toBeGreaterThan(0);
    expect(() => counted.score([{ key: 'b退 款', weight: 1 }], [1, 1, 1, 0], counted.buffer(), 100)).toThrow(/counted/);
    counted.remove(1, units[1] as Map<string, number>);
    expect(counted.df('b退 款')).toBe(1);
  });

  it('does not look up the query terms of a kind weighted 0 (they cannot score)', () => {
    const terms = new TermTable();
    const index = new InvertedIndex(terms, undefined, [false, false, true]);
    addAll(index, [
      new Map([
        ['w退款', 1],
        ['b退 款', 1],
      ]),
    ]);
    const lookup = vi.spyOn(terms, 'lookup');
    const query = [
      { key: 'b退 款', weight: 1 },
      { key: 'w退款', weight: 1 },
    ];
    const { count, skipped } = index.score(query, [1, 1, 0, 0], index.buffer(), 100);
    expect(count).toBe(1);
    expect(skipped).toEqual([]);
    expect(lookup.mock.calls.map(([key]) => key)).toEqual(['w退款']);
  });
});
