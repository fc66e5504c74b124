import type { ServiceContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findCategory } from '../category-store.ts';
import { diffContent } from '../diff.ts';
import { sanitizeAnswer } from '../rich-text.ts';
import { contentOf } from '../rows.ts';
import { type ArticleContent, ArticlePatch, type ArticleRecord, type KbActor } from '../schema.ts';
import { findArticle, insertReviewEvent, insertVersion, saveArticleHead } from '../store.ts';
import { parseInput } from '../validate.ts';
import { uniqueLines } from './create-article.ts';

export interface UpdateArticleOptions {
  workspaceId: string;
  articleId: string;
  /** The fields to change and `expectedVersion`, the version the editor started from. */
  patch: ArticlePatch;
  actor: KbActor;
}

/** A stale save: someone else saved first. The details say which version is current so the editor can merge. */
export function versionConflict(article: ArticleRecord, expectedVersion: number): AppError {
  return new AppError('conflict', `The article changed since version ${expectedVersion}; reload and merge`, {
    details: {
      reason: 'stale_version',
      expectedVersion,
      currentVersion: article.version,
      updatedBy: article.updatedBy,
    },
  });
}

/**
 * Saves an edit as a new immutable version, returning the article to `draft` (an edit restarts review). What
 * customers are served does not change until the new version is published. Optimistic concurrency: the save
 * names the version it started from; when two editors save at once, the second gets a 409 and nothing of the
 * first is lost. A save that changes nothing writes nothing.
 */
export async function updateArticle(
  ctx: ServiceContext,
  options: UpdateArticleOptions,
): Promise<{ article: ArticleRecord; changed: boolean }> {
  const patch = parseInput(ArticlePatch, options.patch);
  const { workspaceId, articleId, actor } = options;
  const current = await findArticle(ctx.db, workspaceId, articleId);
  if (!current) throw notFound('Article');
  if (current.version !== patch.expectedVersion) throw versionConflict(current, patch.expectedVersion);
  if (patch.categoryId && !(await findCategory(ctx.db, workspaceId, patch.categoryId))) throw notFound('Category');

  const before = contentOf(current);
  const next: ArticleContent = {
    title: patch.title ?? before.title,
    alternates: uniqueLines(patch.alternates ?? before.alternates, patch.title ?? before.title),
    answer: patch.answer === undefined ? before.answer : sanitizeAnswer(patch.answer),
    body: patch.body ?? before.body,
    categoryId: patch.categoryId === undefined ? before.categoryId : patch.categoryId,
    tags: patch.tags ? [...new Set(patch.tags)] : before.tags,
    channels: patch.channels ? [...new Set(patch.channels)] : before.channels,
    effectiveFrom: patch.effectiveFrom === undefined ? before.effectiveFrom : patch.effectiveFrom,
    effectiveTo: patch.effectiveTo === undefined ? before.effectiveTo : patch.effectiveTo,
  };
  assertServable(current.kind, next);
  const diff = diffContent(before, next);
  if (diff.length === 0) return { article: current, changed: false };

  const now = ctx.clock.now();
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const article = await saveArticleHead(trx, workspaceId, articleId, patch.expectedVersion, {
      content: next,
      status: 'draft',
      actorId: actor.id,
      now,
    });
    if (!article) return undefined;
    await insertVersion(trx, workspaceId, {
      id: newId('kbv'),
      articleId,
      version: article.version,
      ...next,
      authorType: actor.type,
      authorId: actor.id,
      note: patch.note ?? null,
      diff,
      createdAt: now,
    });
    await insertReviewEvent(trx, {
      id: newId('kbe'),
      workspace_id: workspaceId,
      article_id: articleId,
      version: article.version,
      action: 'edited',
      from_status: current.status,
      to_status: 'draft',
      actor_type: actor.type,
      actor_id: actor.id,
      note: patch.note ?? null,
      at: now,
    });
    return article;
  });
  if (!saved) {
    const latest = await findArticle(ctx.db, workspaceId, articleId);
    throw versionConflict(latest ?? current, patch.expectedVersion);
  }
  return { article: saved, changed: true };
}

/** The rules every version must meet whatever fields an edit touched. */
export function assertServable(kind: ArticleRecord['kind'], content: ArticleContent): void {
  const problems: { path: string; message: string; code: string }[] = [];
  if (kind === 'faq' && content.answer.trim() === '') {
    problems.push({
      path: 'answer',
      message: 'a faq needs an answer (empty once unsafe markup is removed)',
      code: 'custom',
    });
  }
  if (kind === 'document' && content.body.trim() === '') {
    problems.push({ path: 'body', message: 'a document needs a body', code: 'custom' });
  }
  const { effectiveFrom: from, effectiveTo: to } = content;
  if (from !== null && to !== null && to <= from) {
    problems.push({ path: 'effectiveTo', message: 'must be after effectiveFrom', code: 'custom' });
  }
  const first = problems[0];
  if (first) throw new AppError('validation_failed', `Invalid ${first.path}: ${first.message}`, { details: problems });
}
