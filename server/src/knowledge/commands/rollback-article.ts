import type { ServiceContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../../security/audit.ts';
import { findCategory } from '../category-store.ts';
import { diffContent } from '../diff.ts';
import { KB_TOPICS } from '../events.ts';
import { announceLiveChange, recordLiveChange } from '../go-live.ts';
import { contentOf } from '../rows.ts';
import type { ArticleContent, ArticleRecord, KbActor } from '../schema.ts';
import { findArticle, findVersion, insertReviewEvent, insertVersion, saveArticleHead, wasPublished } from '../store.ts';
import { versionConflict } from './update-article.ts';

export interface RollbackArticleOptions {
  workspaceId: string;
  articleId: string;
  /** The version whose content comes back. */
  toVersion: number;
  /** The newest version the caller saw (optimistic concurrency, as for an edit). */
  expectedVersion: number;
  actor: KbActor;
  /**
   * Whether the caller may publish (a reviewer or an admin). A rollback to a version that was published before by
   * such a caller goes live at once — it was reviewed already, and rolling back a bad answer cannot wait for a queue.
   * Otherwise the rollback is a new draft to review.
   */
  mayPublish: boolean;
  note?: string;
  ip?: string | null;
}

/**
 * Rolls back by writing the old content as a NEW version: history only grows, so the rollback itself can be rolled
 * back. A category deleted since the old version was written is dropped rather than restored.
 */
export async function rollbackArticle(
  ctx: ServiceContext,
  options: RollbackArticleOptions,
): Promise<{ article: ArticleRecord; live: boolean }> {
  const { workspaceId, articleId, actor } = options;
  const current = await findArticle(ctx.db, workspaceId, articleId);
  if (!current) throw notFound('Article');
  if (current.version !== options.expectedVersion) throw versionConflict(current, options.expectedVersion);
  const target = await findVersion(ctx.db, workspaceId, articleId, options.toVersion);
  if (!target) throw notFound('Version');
  const restored: ArticleContent = contentOf(target);
  if (restored.categoryId && !(await findCategory(ctx.db, workspaceId, restored.categoryId))) {
    restored.categoryId = null;
  }
  const live =
    options.mayPublish && actor.id !== null && (await wasPublished(ctx.db, workspaceId, articleId, options.toVersion));
  const note = options.note?.trim() || `rollback to version ${options.toVersion}`;
  const now = ctx.clock.now();
  const article = await ctx.db.transaction().execute(async (trx) => {
    const saved = await saveArticleHead(trx, workspaceId, articleId, options.expectedVersion, {
      content: restored,
      status: live ? 'published' : 'draft',
      ...(live ? { liveVersion: options.expectedVersion + 1 } : {}),
      actorId: actor.id,
      now,
    });
    if (!saved) return undefined;
    await insertVersion(trx, workspaceId, {
      id: newId('kbv'),
      articleId,
      version: saved.version,
      ...restored,
      authorType: actor.type,
      authorId: actor.id,
      note,
      diff: diffContent(contentOf(current), restored),
      createdAt: now,
    });
    await insertReviewEvent(trx, {
      id: newId('kbe'),
      workspace_id: workspaceId,
      article_id: articleId,
      version: saved.version,
      action: 'rollback',
      from_status: current.status,
      to_status: saved.status,
      actor_type: actor.type,
      actor_id: actor.id,
      note,
      at: now,
    });
    if (live) {
      await recordAudit(trx, {
        workspaceId,
        actor: { type: actor.type, id: actor.id },
        action: 'kb.article.rolled_back',
        target: { type: 'kb_article', id: articleId },
        ip: options.ip,
        details: { toVersion: options.toVersion, newVersion: saved.version, title: restored.title },
        at: now,
      });
      const change = { workspaceId, articleId, title: restored.title, liveVersion: saved.version, actor, at: now };
      await recordLiveChange(trx, { ...change, action: 'rolled_back' });
    }
    return saved;
  });
  if (!article) {
    const latest = await findArticle(ctx.db, workspaceId, articleId);
    throw versionConflict(latest ?? current, options.expectedVersion);
  }
  if (live) await announceLiveChange(ctx, KB_TOPICS.articleRolledBack, article);
  return { article, live };
}
