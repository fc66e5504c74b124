import { describe, expect, it } from 'vitest';
import { loadCorpus, parseCorpus } from './corpus.ts';
import { roundOf } from './fit.ts';

describe('training corpus', () => {
  it('parses blocks: standard question, paraphrases, "!" hard negatives, "?" unanswered questions', () => {
    const c = parseCorpus('# comment\n怎么退款\n退款怎么弄\n! 退款多久到账\n\n? 今天天气怎么样\n', 'x.txt');
    expect(c.groups).toEqual([
      { source: 'x.txt:2', question: '怎么退款', paraphrases: ['退款怎么弄'], negatives: ['退款多久到账'] },
    ]);
    expect(c.unanswered).toEqual(['今天天气怎么样']);
    expect(() => parseCorpus('! 开头就是反例\n', 'bad.txt')).toThrow('bad.txt:1');
  });

  it('holds several hundred groups, each with paraphrases, and no phrasing in two groups', () => {
    const { groups, unanswered } = loadCorpus();
    expect(groups.length).toBeGreaterThanOrEqual(300);
    expect(unanswered.length).toBeGreaterThan(20);
    const owner = new Map<string, number>();
    groups.forEach((g, i) => {
      expect(g.paraphrases.length, g.source).toBeGreaterThanOrEqual(2);
      for (const p of [g.question, ...g.paraphrases]) {
        expect(owner.get(p) ?? i, `${g.source}: ${p}`).toBe(i);
        owner.set(p, i);
      }
    });
  });

  it('rotates which phrasing is the entry, and leaves some groups out so their queries have no answer', () => {
    const corpus = parseCorpus('甲\n甲一\n甲二\n\n乙\n乙一\n\n? 丙\n');
    const r1 = roundOf(corpus, 1, false);
    expect(r1.entries.map((e) => e.text)).toEqual(['甲一', '乙一']);
    expect(r1.queries).toEqual([
      { text: '甲', target: 'g0', group: 0 },
      { text: '甲二', target: 'g0', group: 0 },
      { text: '乙', target: 'g1', group: 1 },
      { text: '丙', target: '', group: 2 },
    ]);
    expect(roundOf(corpus, 0).entries.map((e) => e.id)).toEqual(['g1']); // group 0 is out of round 0
  });
});
