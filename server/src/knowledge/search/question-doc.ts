import type { SearchDoc } from './types.ts';

/** A bare FAQ entry made of one question: what the evaluation protocol and the re-ranker fit index. */
export function questionDoc(id: string, text: string): SearchDoc {
  return {
    id,
    articleId: id,
    kind: 'faq',
    language: /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en',
    title: text,
    alternates: [],
    body: '',
    categoryId: null,
    tags: [],
    channels: [],
    effectiveFrom: null,
    effectiveTo: null,
  };
}
