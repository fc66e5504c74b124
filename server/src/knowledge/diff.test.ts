import { describe, expect, it } from 'vitest';
import { diffContent, diffLines } from './diff.ts';
import { contentOf } from './rows.ts';

describe('diffContent', () => {
  it('lists exactly the fields that changed', () => {
    const before = contentOf({ title: '运费', tags: ['物流'], answer: '<p>8 元</p>' });
    const after = contentOf({ title: '运费', tags: ['物流', '运费'], answer: '<p>10 元</p>' });
    expect(diffContent(before, after)).toEqual([
      { field: 'answer', before: '<p>8 元</p>', after: '<p>10 元</p>' },
      { field: 'tags', before: ['物流'], after: ['物流', '运费'] },
    ]);
    expect(diffContent(before, before)).toEqual([]);
  });
});

describe('diffLines', () => {
  it('marks added and removed lines around the common ones', () => {
    expect(diffLines('a\nb\nc', 'a\nc\nd')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'same', text: 'c' },
      { op: 'added', text: 'd' },
    ]);
    expect(diffLines('', '新')).toEqual([
      { op: 'removed', text: '' },
      { op: 'added', text: '新' },
    ]);
  });
});
