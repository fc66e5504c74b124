import type { Kysely } from 'kysely';
import { likePattern, toJson } from '../platform/db/dialect.ts';
import type { Tables } from '../platform/db/tables.ts';
import { contentColumns, toArticle } from './rows.ts';
import type { ArticleContent, ArticleKind, ArticleRecord, ArticleStatus, KbActor, KbLanguage } from './schema.ts';

/** The tables this module owns. Every function takes the workspace: a row of another tenant never resolves. */
export interface CategoryTable {
  id: string;
  workspace_id: string;
  parent_id: string | null;
  name: string;
  name_en: string | null;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface ArticleTable {
  id: string;
  workspace_id: string;
  kind: ArticleKind;
  language: KbLanguage;
  group_id: string;
  status: ArticleStatus;
  version: number;
  live_version: number | null;
  title: string;
  alternates: string;
  answer: string;
  body: string;
  category_id: string | null;
  tags: string;
  channels: string;
  effective_from: number | null;
  effective_to: number | null;
  source: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: number;
  updated_at: number;
  published_at: number | null;
}

export interface ArticleVersionTable {
  id: string;
  workspace_id: string;
  article_id: string;
  version: number;
  /** The whole ArticleContent as JSON: a version never changes once written. */
  content: string;
  author_type: string;
  author_id: string | null;
  note: string | null;
  diff: string;
  created_at: number;
}

export interface ReviewEventTable {
  id: string;
  workspace_id: string;
  article_id: string;
  version: number;
  action: string;
  from_status: string;
  to_status: string;
  actor_type: string;
  actor_id: string | null;
  note: string | null;
  at: number;
}

export interface CommentTable {
  id: string;
  workspace_id: string;
  article_id: string;
  version: number | null;
  author_id: string | null;
  body: string;
  created_at: number;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    kb_categories: CategoryTable;
    kb_articles: ArticleTable;
    kb_article_versions: ArticleVersionTable;
    kb_review_events: ReviewEventTable;
    kb_comments: CommentTable;
  }
}

/** A database handle or an open transaction. */
export type Executor = Kysely<Tables>;

// ── articles ───────────────────────────────────────────────────────────────────────────────────────────────────────

export async function findArticle(db: Executor, workspaceId: string, articleId: string) {
  const row = await db
    .selectFrom('kb_articles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', articleId)
    .executeTakeFirst();
  return row ? toArticle(row) : undefined;
}

export interface NewArticle {
  id: string;
  workspaceId: string;
  kind: ArticleKind;
  language: KbLanguage;
  groupId: string;
  content: ArticleContent;
  source: Record<string, unknown> | null;
  actor: KbActor;
  now: number;
}

export async function insertArticle(db: Executor, a: NewArticle) {
  const row = await db
    .insertInto('kb_articles')
    .values({
      id: a.id,
      workspace_id: a.workspaceId,
      kind: a.kind,
      language: a.language,
      group_id: a.groupId,
      status: 'draft',
      version: 1,
      live_version: null,
      ...contentColumns(a.content),
      source: a.source === null ? null : toJson(a.source),
      created_by: a.actor.id,
      updated_by: a.actor.id,
      created_at: a.now,
      updated_at: a.now,
      published_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toArticle(row);
}

/**
 * Compare-and-set of the newest version: writes only if the article still is at `expectedVersion`. Undefined when
 * someone saved first; the row lock (PostgreSQL) or the single writer (SQLite) makes the second writer see it.
 */
export async function saveArticleHead(
  db: Executor,
  workspaceId: string,
  articleId: string,
  expectedVersion: number,
  next: {
    content: ArticleContent;
    status: ArticleStatus;
    liveVersion?: number | null;
    actorId: string | null;
    now: number;
  },
) {
  const row = await db
    .updateTable('kb_articles')
    .set({
      ...contentColumns(next.content),
      version: expectedVersion + 1,
      status: next.status,
      ...(next.liveVersion === undefined
        ? {}
        : { live_version: next.liveVersion, ...(next.liveVersion === null ? {} : { published_at: next.now }) }),
      updated_by: next.actorId,
      updated_at: next.now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', articleId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row ? toArticle(row) : undefined;
}

/** Compare-and-set of the workflow status of one version (submit, reject, publish, archive). */
export async function setArticleStatus(
  db: Executor,
  workspaceId: string,
  expected: Pick<ArticleRecord, 'id' | 'version' | 'status'>,
  next: {
    status: ArticleStatus;
    liveVersion: number | null;
    publishedAt?: number;
    now: number;
    actorId: string | null;
  },
) {
  const row = await db
    .updateTable('kb_articles')
    .set({
      status: next.status,
      live_version: next.liveVersion,
      ...(next.publishedAt === undefined ? {} : { published_at: next.publishedAt }),
      updated_at: next.now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', expected.id)
    .where('version', '=', expected.version)
    .where('status', '=', expected.status)
    .returningAll()
    .executeTakeFirst();
  return row ? toArticle(row) : undefined;
}

export interface ArticleFilter {
  status?: ArticleStatus;
  kind?: ArticleKind;
  language?: KbLanguage;
  categoryIds?: string[];
  tag?: string;
  /** Matches title, similar questions and answer text, literally. */
  text?: string;
  /** Only articles someone else last changed (the review queue hides one's own work). */
  notUpdatedBy?: string;
  before?: string;
  limit?: number;
}

/** Newest first (ids sort by creation time). */
export async function listArticles(db: Executor, workspaceId: string, filter: ArticleFilter = {}) {
  let query = db.selectFrom('kb_articles').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.language) query = query.where('language', '=', filter.language);
  if (filter.categoryIds)
    query = query.where('category_id', 'in', filter.categoryIds.length ? filter.categoryIds : ['']);
  if (filter.tag) query = query.where('tags', 'like', likePattern(JSON.stringify(filter.tag)));
  if (filter.text) {
    const pattern = likePattern(filter.text);
    query = query.where((eb) =>
      eb.or([eb('title', 'like', pattern), eb('alternates', 'like', pattern), eb('answer', 'like', pattern)]),
    );
  }
  if (filter.before) query = query.where('id', '<', filter.before);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(Math.min(filter.limit ?? 50, 200))
    .execute();
  return rows.map(toArticle);
}

/** The other-language variants of an article (same group). */
export async function listVariants(db: Executor, workspaceId: string, groupId: string) {
  const rows = await db
    .selectFrom('kb_articles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('group_id', '=', groupId)
    .orderBy('language')
    .execute();
  return rows.map(toArticle);
}

export async function countArticles(db: Executor, workspaceId: string) {
  const row = await db
    .selectFrom('kb_articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Versions, review events and comments live in history-store.ts; re-exported so callers keep one import.
export * from './history-store.ts';
