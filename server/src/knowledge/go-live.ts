import type { ServiceContext } from '../platform/context.ts';
import { appendReportingEvent } from '../platform/reporting.ts';
import { type ArticleEventPayload, publishKbEvent } from './events.ts';
import { knowledgeIndex } from './index-registry.ts';
import type { ArticleRecord, KbActor } from './schema.ts';
import type { Executor } from './store.ts';

/**
 * After a commit that changed what customers are served: update this process's index at once (the change is
 * searchable when the request returns), then tell the other processes on the bus.
 */
export async function announceLiveChange(ctx: ServiceContext, topic: string, article: ArticleRecord): Promise<void> {
  await knowledgeIndex(ctx).refreshArticles(article.workspaceId, [article.id]);
  const payload: ArticleEventPayload = {
    articleId: article.id,
    version: article.version,
    status: article.status,
    liveVersion: article.liveVersion,
  };
  await publishKbEvent(ctx, topic, article.workspaceId, payload);
}

export interface LiveChange {
  workspaceId: string;
  articleId: string;
  title: string;
  action: 'published' | 'archived' | 'rolled_back';
  /** The version customers are served from now on; null once archived. */
  liveVersion: number | null;
  actor: KbActor;
  at: number;
}

/**
 * Marks the change of what the bot answers from (`bot.version_changed`, kind `knowledge`), inside the transaction
 * that makes it: analytics compares the week before and after every such change in the bot post-mortem.
 */
export async function recordLiveChange(trx: Executor, change: LiveChange): Promise<void> {
  await appendReportingEvent(trx, {
    workspaceId: change.workspaceId,
    type: 'bot.version_changed',
    conversationId: null,
    actor: change.actor,
    data: {
      kind: 'knowledge',
      version: `${change.articleId}@${change.liveVersion ?? 'archived'}`,
      note: `${change.action}: ${change.title}`.slice(0, 500),
      articleId: change.articleId,
      action: change.action,
    },
    at: change.at,
  });
}
