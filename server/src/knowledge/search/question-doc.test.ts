import { describe, expect, it } from 'vitest';
import { keptDoc, questionDoc } from './question-doc.ts';
import { createSearchIndex } from './search-index.ts';
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

describe('kept docs', () => {
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

  it('are what the index keeps and gives back', () => {
    const index = createSearchIndex();
    // fields in another order, as an object spread builds them
    const doc: SearchDoc = { tags: [], channels: [], ...questionDoc('a', '怎么退款'), body: '原路退回' };
    doc.articleId = 'a';
    index.upsert(doc);
    expect(index.get('a')).toEqual(doc);
    expect(Object.keys(index.get('a') as SearchDoc)).toEqual(FIELDS);
  });
});
