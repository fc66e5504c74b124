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

/** Until a workspace has a knowledge base, nothing is found and the policy falls through to flows or fallback. */
export const noKnowledge: KnowledgeSearch = async () => [];

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
