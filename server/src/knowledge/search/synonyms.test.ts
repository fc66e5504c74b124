import { describe, expect, it } from 'vitest';
import { Canonicalizer, SynonymTable } from './synonyms.ts';

describe('synonym members are words, not pieces of longer ones', () => {
  const sets = [
    ['怎么办', '怎么处理'],
    ['怎么', '如何'],
    ['办理', '申请'],
    ['change', 'modify', 'edit'],
    ['deliver', 'ship'],
  ];

  it('refuses a member whose last character begins another member (怎么办理 = 怎么 + 办理)', () => {
    const table = new SynonymTable(sets);
    expect(table.expand('怎么办理信用卡').map((e) => e.member)).toEqual(['办理', '怎么']);
    expect(table.expand('信用卡丢了怎么办').map((e) => e.member)).toEqual(['怎么办']);
    const c = new Canonicalizer(sets);
    expect(c.apply('如何申请信用卡')).toBe('怎么办理信用卡');
    expect(c.apply('怎么办理信用卡')).toBe('怎么办理信用卡');
    expect(c.apply('信用卡丢了怎么处理')).toBe('信用卡丢了怎么办');
  });

  it('finds English members only between word boundaries', () => {
    const table = new SynonymTable(sets);
    expect(table.expand('my credit card')).toEqual([]);
    expect(table.expand('membership fee')).toEqual([]);
    expect(table.expand('edit my card, ship it').map((e) => e.member)).toEqual(['edit', 'ship']);
    expect(new Canonicalizer(sets).apply('credit relationship')).toBe('credit relationship');
  });
});
