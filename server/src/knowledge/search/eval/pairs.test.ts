import { describe, expect, it } from 'vitest';
import { evaluatePairs } from './evaluate.ts';
import { parsePairs } from './pairs.ts';

const TSV = [
  '怎么申请退款\t退款怎么申请\t1',
  '退款怎么申请\t如何办理退款\t1',
  '怎么申请退款\t怎么申请发票\t0',
  'how do I reset my password\tI forgot my password\t1',
  '发票怎么开\t开发票的流程\t1',
  '怎么申请发票\t快递几天到\t0',
  'bad line without tabs',
  'a\tb\tmaybe',
  '',
].join('\n');

describe('pair-set protocol', () => {
  const set = parsePairs(TSV);

  it('groups label-1 questions (transitively); the first-seen one is the entry, the others are queries', () => {
    expect(set.groups).toBe(3);
    const entries = set.entries.filter((e) => e.group !== null).map((e) => e.text);
    expect(entries).toEqual(['怎么申请退款', 'how do I reset my password', '发票怎么开']);
    expect(set.queries).toEqual([
      { text: '退款怎么申请', group: 0 },
      { text: '如何办理退款', group: 0 },
      { text: 'I forgot my password', group: 1 },
      { text: '开发票的流程', group: 2 },
    ]);
  });

  it('makes every other distinct question a distractor, and reports malformed lines by number', () => {
    expect(set.entries.filter((e) => e.group === null).map((e) => e.text)).toEqual(['怎么申请发票', '快递几天到']);
    expect(set.skipped.map((s) => s.line)).toEqual([7, 8]);
  });

  it('scores a query right at rank k when the k-th result is its group entry', () => {
    const report = evaluatePairs(set);
    expect(report.entries).toBe(5);
    expect(report.queries).toBe(4);
    expect(report.top1).toBe(1);
    expect(report.recall5).toBe(1);
    expect(report.mrr10).toBe(1);
  });
});
