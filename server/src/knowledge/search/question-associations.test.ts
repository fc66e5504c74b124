import { describe, expect, it } from 'vitest';
import { WordAssociations } from './learned.ts';
import { compactPairs, expandPairs } from './question-associations.ts';

describe('learned pairs kept by a document', () => {
  it('keep what learn() added as one flat array and give back the same pairs in the same order', () => {
    const added = new WordAssociations().learn(['退款', '多久', '到账'], ['退款', '几天', '退回来', '了']);
    expect(added.length).toBe(6);
    const kept = compactPairs(added);
    expect(kept).toEqual([2, '多久', '到账', '几天', '退回来', '了']);
    expect(expandPairs(kept)).toEqual(added);
  });

  it('keep pairs that are not a full product as they came', () => {
    const odd: [string, string][] = [
      ['a', 'x'],
      ['a', 'y'],
      ['b', 'x'],
      ['b', 'z'],
    ];
    expect(compactPairs(odd)).toBe(odd);
    expect(expandPairs(compactPairs(odd))).toEqual(odd);
    expect(expandPairs(compactPairs([]))).toEqual([]);
  });

  it('unlearn exactly what was learned, through the compact form', () => {
    const words = new WordAssociations();
    const kept = compactPairs(words.learn(['退款', '到账'], ['退款', '退回来']));
    expect(words.expand('到账').map((e) => e.word)).toEqual(['退回来']);
    words.unlearn(expandPairs(kept));
    expect(words.expand('到账')).toEqual([]);
  });
});
