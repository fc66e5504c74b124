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

/** The search documents of a live article: one per faq, one per passage of a document. */
export function searchDocsOf(article: LiveArticle): SearchDoc[] {
  const shared = {
    articleId: article.id,
    language: article.language,
    categoryId: article.categoryId,
    tags: article.tags,
    channels: article.channels,
    effectiveFrom: article.effectiveFrom,
    effectiveTo: article.effectiveTo,
  };
  if (article.kind === 'faq') {
    return [
      {
        ...shared,
        id: article.id,
        kind: 'faq',
        title: article.title,
        alternates: article.alternates,
        body: article.answerText,
      },
    ];
  }
  return article.passages.map((passage) => ({
    ...shared,
    id: `${article.id}#${passage.no}`,
    kind: 'passage' as const,
    // The document's title goes with every passage: "退货政策 › 运费" ranks for both words.
    title: passage.heading === article.title ? article.title : `${article.title} › ${passage.heading}`,
    alternates: [],
    body: passage.text,
  }));
}
