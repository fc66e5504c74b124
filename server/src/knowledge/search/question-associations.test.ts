import { describe, expect, it } from 'vitest';
import { WordAssociations } from './learned.ts';
import { compactPairs, expandPairs, type WordIds } from './question-associations.ts';

function wordIds(): WordIds {
  const ids = new Map<string, number>();
  const words: string[] = [];
  return {
    id(word) {
      let id = ids.get(word);
      if (id === undefined) {
        id = words.push(word) - 1;
        ids.set(word, id);
      }
      return id;
    },
    word: (id) => words[id] as string,
  };
}

describe('learned pairs kept by a document', () => {
  it('keep what learn() added as one flat array of word ids and give back the same pairs in the same order', () => {
    const ids = wordIds();
    const added = new WordAssociations().learn(['退款', '多久', '到账'], ['退款', '几天', '退回来', '了']);
    expect(added.length).toBe(6);
    const kept = compactPairs(added, ids);
    expect(kept).toEqual([2, 0, 1, 2, 3, 4]);
    expect(expandPairs(kept, ids)).toEqual(added);
  });

  it('keep pairs that are not a full product as they came', () => {
    const ids = wordIds();
    const odd: [string, string][] = [
      ['a', 'x'],
      ['a', 'y'],
      ['b', 'x'],
      ['b', 'z'],
    ];
    expect(compactPairs(odd, ids)).toBe(odd);
    expect(expandPairs(compactPairs(odd, ids), ids)).toEqual(odd);
    expect(expandPairs(compactPairs([], ids), ids)).toEqual([]);
  });

  it('unlearn exactly what was learned, through the compact form', () => {
    const ids = wordIds();
    const words = new WordAssociations();
    const kept = compactPairs(words.learn(['退款', '到账'], ['退款', '退回来']), ids);
    expect(words.expand('到账').map((e) => e.word)).toEqual(['退回来']);
    words.unlearn(expandPairs(kept, ids));
    expect(words.expand('到账')).toEqual([]);
  });
});
