import { describe, expect, it } from 'vitest';
import { analyze, atomize } from './analyzer.ts';
import { alignment } from './features.ts';
import { HomophoneMap } from './homophones.ts';
import { createSegmenter } from './nlu-adapter.ts';
import { questionTypes } from './side-encoding.ts';
import { Canonicalizer } from './synonyms.ts';

const seg = createSegmenter();

describe('analyzer', () => {
  it('splits text into Han characters, stemmed English words and digit runs, normalized', () => {
    expect(atomize('退款iphone15要多久').atoms).toEqual(['退', '款', 'iphon', '15', '要', '多', '久']);
    const a = analyze('ＷＨＹ were my Orders cancelled？', seg);
    expect(a.atoms).toEqual(['why', 'wer', 'my', 'order', 'cancell']);
  });

  it('indexes jieba search-mode words, characters and bigrams for Chinese, words only for bodies', () => {
    const a = analyze('中华人民共和国退款', seg);
    expect(a.words).toEqual(expect.arrayContaining(['中华', '人民', '共和国', '中华人民共和国', '退款']));
    expect(a.terms.get('c退')).toBe(1);
    expect(a.terms.get('b退 款')).toBe(1);
    const body = analyze('中华人民共和国退款', seg, { full: false });
    expect([...body.terms.keys()].every((k) => k.startsWith('w'))).toBe(true);
  });

  it('does not join bigrams across punctuation', () => {
    expect(analyze('退，款', seg).terms.has('b退 款')).toBe(false);
  });
});

describe('pairwise helpers', () => {
  it('aligns atom sequences: longest common substring, subsequence, edit distance', () => {
    const align = (a: string, b: string) => {
      const ids = (s: string) => [...s].map((ch) => ch.charCodeAt(0));
      const out = new Int32Array(3);
      alignment(ids(a), 0, a.length, ids(b), 0, b.length, out);
      return { substring: out[0], subsequence: out[1], edit: out[2] };
    };
    expect(align('怎么申请退款', '退款怎么申请')).toEqual({ substring: 4, subsequence: 4, edit: 4 });
    expect(align('', 'abc')).toEqual({ substring: 0, subsequence: 0, edit: 3 });
  });

  it('tells question types apart', () => {
    expect(questionTypes('为什么退款失败')).toEqual(new Set(['why']));
    expect(questionTypes('怎么退款')).toEqual(new Set(['how']));
    expect(questionTypes('how much does it cost')).toEqual(new Set(['amount']));
  });

  it('finds indexed homophones of a typo bigram, most frequent first, forgetting removed ones', () => {
    const map = new HomophoneMap();
    for (const key of ['b退 款', 'b发 票', 'b发 飘', 'b腿 宽']) map.addKey(key);
    const df = new Map([
      ['b退 款', 9],
      ['b发 票', 5],
      ['b发 飘', 1],
    ]);
    const dfOf = (key: string) => df.get(key) ?? 0;
    expect(map.soundalikes('腿', '款', dfOf)).toEqual(['b退 款']);
    expect(map.soundalikes('发', '漂', dfOf)).toEqual(['b发 票', 'b发 飘']);
    df.delete('b退 款');
    expect(map.soundalikes('腿', '款', dfOf)).toEqual([]);
  });

  it('rewrites synonyms to one form, skipping single characters', () => {
    const c = new Canonicalizer([
      ['怎么', '怎样', '如何'],
      ['牌子', '品牌'],
      ['能', '可以'],
    ]);
    expect(c.apply('怎样选品牌')).toBe('怎么选牌子');
    expect(c.apply('能力')).toBe('能力');
  });
});
