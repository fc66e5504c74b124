import type { Kysely } from 'kysely';
import { fromJson, toJson } from '../../platform/db/dialect.ts';
import type { Tables } from '../../platform/db/tables.ts';

/** Crawl sources, their runs, and the pages each source has seen (see migrations/202611260200). */
export interface KbCrawlSourceTable {
  id: string;
  workspace_id: string;
  name: string;
  start_url: string;
  sitemap_url: string | null;
  max_depth: number;
  max_pages: number;
  schedule: string | null;
  category_id: string | null;
  enabled: number;
  status: SourceStatus;
  next_run_at: number | null;
  last_run_id: string | null;
  last_run_at: number | null;
  last_run_status: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface KbCrawlRunTable {
  id: string;
  workspace_id: string;
  source_id: string;
  trigger: 'manual' | 'schedule';
  status: RunStatus;
  progress: number;
  pages_fetched: number;
  pages_new: number;
  pages_changed: number;
  pages_unchanged: number;
  pages_skipped: number;
  summary: string;
  error: string | null;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface KbCrawlPageTable {
  id: string;
  workspace_id: string;
  source_id: string;
  url: string;
  title: string;
  content_hash: string;
  article_id: string | null;
  last_run_id: string;
  first_seen_at: number;
  last_seen_at: number;
  last_changed_at: number;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    kb_crawl_sources: KbCrawlSourceTable;
    kb_crawl_runs: KbCrawlRunTable;
    kb_crawl_pages: KbCrawlPageTable;
  }
}

type Executor = Kysely<Tables>;
export type SourceStatus = 'idle' | 'queued' | 'running';
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface CrawlSourceRecord {
  id: string;
  workspaceId: string;
  name: string;
  startUrl: string;
  sitemapUrl: string | null;
  maxDepth: number;
  maxPages: number;
  /** Cron expression (five fields, read in the configured zone), or null for manual runs only. */
  schedule: string | null;
  categoryId: string | null;
  enabled: boolean;
  status: SourceStatus;
  nextRunAt: number | null;
  lastRunId: string | null;
  lastRunAt: number | null;
  lastRunStatus: RunStatus | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CrawlRunRecord {
  id: string;
  workspaceId: string;
  sourceId: string;
  trigger: 'manual' | 'schedule';
  status: RunStatus;
  progress: number;
  pagesFetched: number;
  pagesNew: number;
  pagesChanged: number;
  pagesUnchanged: number;
  pagesSkipped: number;
  summary: Record<string, unknown>;
  error: string | null;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export function toSource(row: KbCrawlSourceTable): CrawlSourceRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    startUrl: row.start_url,
    sitemapUrl: row.sitemap_url,
    maxDepth: row.max_depth,
    maxPages: row.max_pages,
    schedule: row.schedule,
    categoryId: row.category_id,
    enabled: row.enabled === 1,
    status: row.status,
    nextRunAt: row.next_run_at,
    lastRunId: row.last_run_id,
    lastRunAt: row.last_run_at,
    lastRunStatus: row.last_run_status as RunStatus | null,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toRun(row: KbCrawlRunTable): CrawlRunRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    sourceId: row.source_id,
    trigger: row.trigger,
    status: row.status,
    progress: row.progress,
    pagesFetched: row.pages_fetched,
    pagesNew: row.pages_new,
    pagesChanged: row.pages_changed,
    pagesUnchanged: row.pages_unchanged,
    pagesSkipped: row.pages_skipped,
    summary: fromJson<Record<string, unknown>>(row.summary, {}),
    error: row.error,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export async function insertSource(db: Executor, row: KbCrawlSourceTable) {
  await db.insertInto('kb_crawl_sources').values(row).execute();
  return toSource(row);
}

export async function findSource(db: Executor, workspaceId: string, sourceId: string) {
  const row = await db
    .selectFrom('kb_crawl_sources')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', sourceId)
    .executeTakeFirst();
  return row ? toSource(row) : undefined;
}

export async function listSources(db: Executor, workspaceId: string) {
  const rows = await db
    .selectFrom('kb_crawl_sources')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
  return rows.map(toSource);
}

export async function updateSource(
  db: Executor,
  workspaceId: string,
  sourceId: string,
  changes: Partial<KbCrawlSourceTable>,
) {
  const row = await db
    .updateTable('kb_crawl_sources')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', sourceId)
    .returningAll()
    .executeTakeFirst();
  return row ? toSource(row) : undefined;
}

export async function deleteSource(db: Executor, workspaceId: string, sourceId: string) {
  const result = await db
    .deleteFrom('kb_crawl_sources')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', sourceId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Enabled sources whose next scheduled run has come, across workspaces (the cron role's view). */
export async function listDueSources(db: Executor, now: number, limit = 100) {
  const rows = await db
    .selectFrom('kb_crawl_sources')
    .selectAll()
    .where('enabled', '=', 1)
    .where('next_run_at', '<=', now)
    .orderBy('next_run_at')
    .limit(limit)
    .execute();
  return rows.map(toSource);
}

/** Moves a source's next run from the slot it had to the next one; false when another instance did it first. */
export async function advanceSchedule(db: Executor, sourceId: string, slot: number, next: number | null) {
  const result = await db
    .updateTable('kb_crawl_sources')
    .set({ next_run_at: next })
    .where('id', '=', sourceId)
    .where('next_run_at', '=', slot)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertRun(db: Executor, row: KbCrawlRunTable) {
  await db.insertInto('kb_crawl_runs').values(row).execute();
  return toRun(row);
}

export async function findRun(db: Executor, workspaceId: string, runId: string) {
  const row = await db
    .selectFrom('kb_crawl_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', runId)
    .executeTakeFirst();
  return row ? toRun(row) : undefined;
}

export async function findActiveRun(db: Executor, workspaceId: string, sourceId: string) {
  const row = await db
    .selectFrom('kb_crawl_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('source_id', '=', sourceId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return row ? toRun(row) : undefined;
}

export async function listRuns(db: Executor, workspaceId: string, sourceId: string, limit = 20) {
  const rows = await db
    .selectFrom('kb_crawl_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('source_id', '=', sourceId)
    .orderBy('id', 'desc')
    .limit(Math.min(limit, 100))
    .execute();
  return rows.map(toRun);
}

export async function updateRun(
  db: Executor,
  workspaceId: string,
  runId: string,
  changes: Partial<KbCrawlRunTable>,
  onlyIfStatus?: RunStatus[],
) {
  let query = db
    .updateTable('kb_crawl_runs')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', runId);
  if (onlyIfStatus) query = query.where('status', 'in', onlyIfStatus);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function runSummary(summary: Record<string, unknown>): string {
  return toJson(summary);
}

export async function findPage(db: Executor, workspaceId: string, sourceId: string, url: string) {
  return db
    .selectFrom('kb_crawl_pages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('source_id', '=', sourceId)
    .where('url', '=', url)
    .executeTakeFirst();
}

export async function insertPage(db: Executor, row: KbCrawlPageTable) {
  await db.insertInto('kb_crawl_pages').values(row).execute();
}

export async function updatePage(
  db: Executor,
  workspaceId: string,
  pageId: string,
  changes: Partial<KbCrawlPageTable>,
) {
  await db
    .updateTable('kb_crawl_pages')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', pageId)
    .execute();
}
