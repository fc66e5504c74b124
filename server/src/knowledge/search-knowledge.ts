import type { ServiceContext } from '../platform/context.ts';
import { knowledgeIndex } from './index-registry.ts';
import type { Passage } from './passages.ts';
import type { ArticleKind, KbLanguage } from './schema.ts';
import type { SearchHit } from './search/types.ts';

export interface KnowledgeSearchOptions {
  limit?: number;
  language?: KbLanguage;
  categoryId?: string;
  tag?: string;
  /** The customer's channel (`web_widget`, `api` …): articles limited to other channels are left out. */
  channel?: string;
}

/** One hit with what the bot needs to answer: the live article's answer, or the passage that matched. */
export interface KnowledgeHit extends SearchHit {
  article: {
    id: string;
    kind: ArticleKind;
    language: KbLanguage;
    version: number;
    title: string;
    /** Sanitized HTML (faq; empty for documents). */
    answerHtml: string;
    /** Plain text of the answer, or of the passage for a document. */
    answerText: string;
  };
  passage: Passage | null;
}

const MAX_QUERY = 1_000;

/**
 * Searches what customers may be served: published, in effect now (the workspace clock), in the customer's language
 * and channel when given. Drafts are never in the index, so they can never be answered with. `confidence` is
 * calibrated: the bot answers, asks to clarify or hands off by thresholds on it.
 */
export async function searchKnowledge(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  workspaceId: string,
  query: string,
  options: KnowledgeSearchOptions = {},
): Promise<KnowledgeHit[]> {
  const text = query.slice(0, MAX_QUERY).trim();
  if (!text) return [];
  const knowledge = await knowledgeIndex(ctx).workspace(workspaceId);
  const hits = knowledge.index.search(text, {
    limit: Math.min(Math.max(options.limit ?? 5, 1), 50),
    language: options.language,
    categoryId: options.categoryId,
    tag: options.tag,
    channel: options.channel,
    now: ctx.clock.now(),
  });
  const out: KnowledgeHit[] = [];
  for (const hit of hits) {
    const live = knowledge.live.get(hit.articleId)?.article;
    if (!live) continue;
    const passageNo = hit.kind === 'passage' ? Number(hit.docId.split('#')[1]) : null;
    const passage = passageNo === null ? null : (live.passages.find((p) => p.no === passageNo) ?? null);
    // The index built this hit for this search alone (search/hit.ts), so it is completed in place: its explanation
    // (lazy getters) stays unread until someone reads it, and no copy of its accessors is made per hit.
    const copy = hit as KnowledgeHit;
    copy.article = {
      id: live.id,
      kind: live.kind,
      language: live.language,
      version: live.version,
      title: live.title,
      answerHtml: live.kind === 'faq' ? live.answer : '',
      answerText: passage ? passage.text : live.answerText,
    };
    copy.passage = passage;
    out.push(copy);
  }
  return out;
}
