import { describe, expect, it } from 'vitest';
import { keptDoc, questionDoc } from './question-doc.ts';
import type { SearchDoc } from './types.ts';

const FIELDS = [
  'id',
  'articleId',
  'kind',
  'language',
  'title',
  'alternates',
  'body',
  'categoryId',
  'tags',
  'channels',
  'effectiveFrom',
  'effectiveTo',
];

describe('docs as one literal', () => {
  it('have the same fields in the same order however the caller built them (one hidden class)', () => {
    const shared = { articleId: 'a', language: 'zh' as const, categoryId: null, tags: [], channels: [] };
    const spread: SearchDoc = {
      ...shared,
      effectiveFrom: null,
      effectiveTo: null,
      id: 'a',
      kind: 'faq',
      title: '怎么退款',
      alternates: [],
      body: '',
    };
    const kept = keptDoc(spread);
    expect(Object.keys(kept)).toEqual(FIELDS);
    expect(kept).toEqual(spread);
    expect(Object.keys(keptDoc(questionDoc('b', '怎么退款')))).toEqual(FIELDS);
  });
});
