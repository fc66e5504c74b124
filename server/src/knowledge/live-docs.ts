import { fromJson } from '../platform/db/dialect.ts';
import { type Passage, splitPassages } from './passages.ts';
import { sanitizedAnswerToText } from './rich-text.ts';
import { contentOf } from './rows.ts';
import type { ArticleContent, ArticleKind, KbLanguage } from './schema.ts';
import type { SearchDoc } from './search/types.ts';

/** What customers are served of one article: its live version, ready to index and to answer with. */
export interface LiveArticle extends ArticleContent {
  id: string;
  kind: ArticleKind;
  language: KbLanguage;
  version: number;
  /** The answer as plain text (channels without HTML, the index). */
  answerText: string;
  /** A document's passages (empty for a faq). */
  passages: Passage[];
}

export function toLiveArticle(row: {
  id: string;
  kind: ArticleKind;
  language: KbLanguage;
  version: number;
  content: string;
}): LiveArticle {
  const content = contentOf(fromJson<Partial<ArticleContent>>(row.content, {}));
  return {
    id: row.id,
    kind: row.kind,
    language: row.language,
    version: row.version,
    ...content,
    answerText: sanitizedAnswerToText(content.answer),
    passages: row.kind === 'document' ? splitPassages(content.title, content.body) : [],
  };
}

/**
 * The search documents of a live article: one per faq, one per passage of a document. Each is one literal with the
 * fields in the order questionDoc() gives them, so every doc the index holds has the same hidden class (docs built
 * with an object spread each got a map of their own: 19,991 distinct maps for 20,000 articles in a heap snapshot of
 * the registry, and every read of a doc's fields in a search met a new shape).
 */
export function searchDocsOf(article: LiveArticle): SearchDoc[] {
  if (article.kind === 'faq') {
    return [
      {
        id: article.id,
        articleId: article.id,
        kind: 'faq',
        language: article.language,
        title: article.title,
        alternates: article.alternates,
        body: article.answerText,
        categoryId: article.categoryId,
        tags: article.tags,
        channels: article.channels,
        effectiveFrom: article.effectiveFrom,
        effectiveTo: article.effectiveTo,
      },
    ];
  }
  return article.passages.map((passage) => ({
    id: `${article.id}#${passage.no}`,
    articleId: article.id,
    kind: 'passage' as const,
    language: article.language,
    // The document's title goes with every passage: "退货政策 › 运费" ranks for both words.
    title: passage.heading === article.title ? article.title : `${article.title} › ${passage.heading}`,
    alternates: [],
    body: passage.text,
    categoryId: article.categoryId,
    tags: article.tags,
    channels: article.channels,
    effectiveFrom: article.effectiveFrom,
    effectiveTo: article.effectiveTo,
  }));
}
