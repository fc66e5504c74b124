import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { type CommentRecord, type KbActor, LongText } from '../schema.ts';
import { findArticle, insertComment } from '../store.ts';
import { parseInput } from '../validate.ts';

export const CommentInput = z.strictObject({
  body: LongText(5_000).refine((s) => s.trim().length > 0, 'must not be empty'),
});
export type CommentInput = z.input<typeof CommentInput>;

export interface AddCommentOptions {
  workspaceId: string;
  articleId: string;
  input: CommentInput;
  actor: KbActor;
}

/**
 * A review comment on an article, pinned to the version it was written about. Plain text: the console shows it
 * escaped, never as markup.
 */
export async function addComment(ctx: ServiceContext, options: AddCommentOptions): Promise<CommentRecord> {
  const input = parseInput(CommentInput, options.input);
  const article = await findArticle(ctx.db, options.workspaceId, options.articleId);
  if (!article) throw notFound('Article');
  return insertComment(ctx.db, {
    id: newId('kbm'),
    workspace_id: options.workspaceId,
    article_id: article.id,
    version: article.version,
    author_id: options.actor.id,
    body: input.body.trim(),
    created_at: ctx.clock.now(),
  });
}
