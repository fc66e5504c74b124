import { searchKnowledge } from '../knowledge/search-knowledge.ts';
import type { ServiceContext } from '../platform/context.ts';

/**
 * What the bot needs from the knowledge base: published answers to a question, best first, each with a calibrated
 * confidence (the probability it answers the question), so the policy can choose to answer, clarify or hand off.
 */
export interface KnowledgeAnswer {
  articleId: string;
  title: string;
  /** Plain text of the answer (the bot never sends HTML). */
  answer: string;
  confidence: number;
  url?: string;
}

export type KnowledgeSearch = (
  ctx: ServiceContext,
  workspaceId: string,
  query: string,
  options: { language?: 'zh' | 'en'; limit?: number; channel?: string },
) => Promise<KnowledgeAnswer[]>;

/** Nothing found: for processes without a knowledge base (and tests of the policy alone). */
export const noKnowledge: KnowledgeSearch = async () => [];

/**
 * The workspace's published knowledge base. Several passages of one document count as one answer (the best one);
 * the answer is plain text, never the article's HTML.
 */
export const knowledgeBaseSearch: KnowledgeSearch = async (ctx, workspaceId, query, options) => {
  const hits = await searchKnowledge(ctx, workspaceId, query, {
    limit: options.limit,
    language: options.language,
    channel: options.channel,
  });
  const seen = new Set<string>();
  const answers: KnowledgeAnswer[] = [];
  for (const hit of hits) {
    if (seen.has(hit.article.id)) continue;
    seen.add(hit.article.id);
    answers.push({
      articleId: hit.article.id,
      title: hit.article.title,
      answer: hit.article.answerText || plainText(hit.article.answerHtml),
      confidence: hit.confidence,
    });
  }
  return answers;
};

/** Removes markup from an answer so the customer reads text (the widget escapes it again on display). */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/li>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
