import type { ServiceContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../../security/audit.ts';
import { KB_TOPICS } from '../events.ts';
import { announceLiveChange, recordLiveChange } from '../go-live.ts';
import type { ArticleRecord, KbActor } from '../schema.ts';
import { assertReviewMove, type ReviewAction } from '../status.ts';
import { authorsSinceLastPublish, findArticle, insertReviewEvent, setArticleStatus } from '../store.ts';
import { versionConflict } from './update-article.ts';

export interface ReviewArticleOptions {
  workspaceId: string;
  articleId: string;
  action: ReviewAction;
  /** The version the caller looked at: a reviewer publishes exactly what they read, never a newer edit. */
  version: number;
  actor: KbActor;
  /** Why (required to reject: the author needs to know what to fix). */
  note?: string;
  ip?: string | null;
}

/**
 * Moves an article along the review workflow (status.ts). Publishing makes the reviewed version the one customers
 * are served, in every process within a second, and is audited; the reviewer must not be an author of what they
 * publish. Archiving stops serving the article. Racing moves are judged one after the other: the loser gets a 409.
 */
export async function reviewArticle(ctx: ServiceContext, options: ReviewArticleOptions): Promise<ArticleRecord> {
  const { workspaceId, articleId, action, actor } = options;
  const current = await findArticle(ctx.db, workspaceId, articleId);
  if (!current) throw notFound('Article');
  if (current.version !== options.version) throw versionConflict(current, options.version);
  const to = assertReviewMove(action, current.status);
  const note = options.note?.trim() || null;
  if (action === 'reject' && !note) {
    throw new AppError('validation_failed', 'Say why the article is rejected (note)', {
      details: [{ path: 'note', message: 'required to reject', code: 'custom' }],
    });
  }
  if (action === 'publish') await assertIndependentReviewer(ctx, current, actor);

  const now = ctx.clock.now();
  const liveVersion = action === 'publish' ? current.version : action === 'archive' ? null : current.liveVersion;
  const article = await ctx.db.transaction().execute(async (trx) => {
    const moved = await setArticleStatus(trx, workspaceId, current, {
      status: to,
      liveVersion,
      ...(action === 'publish' ? { publishedAt: now } : {}),
      now,
      actorId: actor.id,
    });
    if (!moved) return undefined;
    await insertReviewEvent(trx, {
      id: newId('kbe'),
      workspace_id: workspaceId,
      article_id: articleId,
      version: current.version,
      action,
      from_status: current.status,
      to_status: to,
      actor_type: actor.type,
      actor_id: actor.id,
      note,
      at: now,
    });
    if (action === 'publish' || action === 'archive') {
      // What customers are told changes: the audit trail records who did it, in the same transaction.
      await recordAudit(trx, {
        workspaceId,
        actor: { type: actor.type, id: actor.id },
        action: `kb.article.${action === 'publish' ? 'published' : 'archived'}`,
        target: { type: 'kb_article', id: articleId },
        ip: options.ip,
        details: { version: current.version, title: current.title, language: current.language },
        at: now,
      });
      if (current.liveVersion !== liveVersion) {
        const kind = action === 'publish' ? 'published' : 'archived';
        await recordLiveChange(trx, {
          workspaceId,
          articleId,
          title: current.title,
          action: kind,
          liveVersion,
          actor,
          at: now,
        });
      }
    }
    return moved;
  });
  if (!article) {
    const latest = await findArticle(ctx.db, workspaceId, articleId);
    throw versionConflict(latest ?? current, options.version);
  }
  if (current.liveVersion !== article.liveVersion) {
    await announceLiveChange(
      ctx,
      action === 'publish' ? KB_TOPICS.articlePublished : KB_TOPICS.articleArchived,
      article,
    );
  }
  return article;
}

/** Four eyes: nobody publishes a change they wrote, whatever their role (admins included). */
async function assertIndependentReviewer(ctx: ServiceContext, article: ArticleRecord, actor: KbActor): Promise<void> {
  if (actor.type === 'system' || actor.id === null) {
    throw new AppError('forbidden', 'Publishing needs a person who reviewed the article', {
      details: { reason: 'reviewer_required' },
    });
  }
  const authors = await authorsSinceLastPublish(ctx.db, article.workspaceId, article.id);
  if (authors.includes(actor.id)) {
    throw new AppError('forbidden', 'The reviewer must not be an author of the changes under review', {
      details: { reason: 'reviewer_is_author' },
    });
  }
}
