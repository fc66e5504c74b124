import type { ServiceContext } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
import type { ArticleStatus } from './schema.ts';

/**
 * What the knowledge base tells other modules and other processes. Every process keeps its own search index, so a
 * change to what customers are served (publish, archive, rollback) is announced for the others to reload the article.
 * Always published after the commit.
 */
export const KB_TOPICS = {
  articlePublished: 'kb.article_published',
  articleArchived: 'kb.article_archived',
  /** A rollback that made an older version's content live again. */
  articleRolledBack: 'kb.article_rolled_back',
  synonymsChanged: 'kb.synonyms_changed',
} as const;

export interface ArticleEventPayload {
  articleId: string;
  version: number;
  status: ArticleStatus;
  /** The version customers are served now (null: nothing). */
  liveVersion: number | null;
}

/** Publishes without failing the caller: the change is committed already and the local index is updated in place. */
export async function publishKbEvent(
  ctx: Pick<ServiceContext, 'bus' | 'clock' | 'logger'>,
  topic: string,
  workspaceId: string,
  payload: ArticleEventPayload | Record<string, never>,
): Promise<void> {
  try {
    await ctx.bus.publish(topic, { type: topic, workspaceId, id: newId('evt'), at: ctx.clock.now(), payload });
  } catch (error) {
    ctx.logger.error({ err: error, topic }, 'could not publish knowledge event');
  }
}
