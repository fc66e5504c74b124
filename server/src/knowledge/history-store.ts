import { toJson } from '../platform/db/dialect.ts';
import { toComment, toVersion } from './rows.ts';
import type { ArticleVersionRecord } from './schema.ts';
import type { CommentTable, Executor, ReviewEventTable } from './store.ts';

/** An article's history: its immutable versions, its review events and comments (tables declared in store.ts). */

// ── versions ───────────────────────────────────────────────────────────────────────────────────────────────────────

export async function insertVersion(db: Executor, workspaceId: string, version: ArticleVersionRecord) {
  const { id, articleId, version: no, authorType, authorId, note, diff, createdAt, ...content } = version;
  await db
    .insertInto('kb_article_versions')
    .values({
      id,
      workspace_id: workspaceId,
      article_id: articleId,
      version: no,
      content: toJson(content),
      author_type: authorType,
      author_id: authorId,
      note,
      diff: toJson(diff),
      created_at: createdAt,
    })
    .execute();
}

export async function findVersion(db: Executor, workspaceId: string, articleId: string, version: number) {
  const row = await db
    .selectFrom('kb_article_versions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('article_id', '=', articleId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

/** Newest first. */
export async function listVersions(db: Executor, workspaceId: string, articleId: string) {
  const rows = await db
    .selectFrom('kb_article_versions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('article_id', '=', articleId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toVersion);
}

/**
 * The live content of every served article of a workspace (the search registry's source). Drafts never appear:
 * only the version an article's live_version names is read.
 */
export async function listLiveArticles(db: Executor, workspaceId: string, articleIds?: string[]) {
  let query = db
    .selectFrom('kb_articles as a')
    .innerJoin('kb_article_versions as v', (join) =>
      join.onRef('v.article_id', '=', 'a.id').onRef('v.version', '=', 'a.live_version'),
    )
    .select(['a.id', 'a.kind', 'a.language', 'a.status', 'v.content', 'v.version'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.live_version', 'is not', null)
    .where('a.status', '<>', 'archived');
  if (articleIds) query = query.where('a.id', 'in', articleIds.length ? articleIds : ['']);
  return query.orderBy('a.id').execute();
}

// ── review events and comments ─────────────────────────────────────────────────────────────────────────────────────

export async function insertReviewEvent(db: Executor, row: ReviewEventTable) {
  await db.insertInto('kb_review_events').values(row).execute();
}

export async function listReviewEvents(db: Executor, workspaceId: string, articleId: string) {
  return db
    .selectFrom('kb_review_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('article_id', '=', articleId)
    .orderBy('id')
    .execute();
}

/** True when this version of the article was published at some time (a rollback to it needs no new review). */
export async function wasPublished(db: Executor, workspaceId: string, articleId: string, version: number) {
  const row = await db
    .selectFrom('kb_review_events')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('article_id', '=', articleId)
    .where('version', '=', version)
    .where('to_status', '=', 'published')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertComment(db: Executor, row: CommentTable) {
  await db.insertInto('kb_comments').values(row).execute();
  return toComment(row);
}

export async function listComments(db: Executor, workspaceId: string, articleId: string) {
  const rows = await db
    .selectFrom('kb_comments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('article_id', '=', articleId)
    .orderBy('id')
    .execute();
  return rows.map(toComment);
}

/** Who wrote the versions since the article was last published (all versions when it never was). */
export async function authorsSinceLastPublish(db: Executor, workspaceId: string, articleId: string) {
  const last = await db
    .selectFrom('kb_review_events')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('workspace_id', '=', workspaceId)
    .where('article_id', '=', articleId)
    .where('to_status', '=', 'published')
    .executeTakeFirst();
  const rows = await db
    .selectFrom('kb_article_versions')
    .select('author_id')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('article_id', '=', articleId)
    .where('version', '>', Number(last?.version ?? 0))
    .execute();
  return rows.map((r) => r.author_id).filter((id): id is string => id !== null);
}
