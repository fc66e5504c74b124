import type { ServiceContext } from '../platform/context.ts';
import { type ArticleEventPayload, publishKbEvent } from './events.ts';
import { knowledgeIndex } from './index-registry.ts';
import type { ArticleRecord } from './schema.ts';

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
