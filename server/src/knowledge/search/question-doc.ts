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

/**
 * The doc as one literal, so that every doc given to the index has the same hidden class. Docs built with an object
 * spread (live-docs.ts) each got a map of their own (19,991 distinct maps for 20,000 articles in a heap snapshot of
 * the registry, 6 MB of descriptors), and every read of a doc's fields in a search (filters, hits) met a new shape.
 */
export function keptDoc(doc: SearchDoc): SearchDoc {
  return {
    id: doc.id,
    articleId: doc.articleId,
    kind: doc.kind,
    language: doc.language,
    title: doc.title,
    alternates: doc.alternates,
    body: doc.body,
    categoryId: doc.categoryId,
    tags: doc.tags,
    channels: doc.channels,
    effectiveFrom: doc.effectiveFrom,
    effectiveTo: doc.effectiveTo,
  };
}
