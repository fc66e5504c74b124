import type { ServiceContext } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { findCategory } from '../../category-store.ts';
import { parseInput } from '../../validate.ts';
import { normalizeUrl } from '../crawl/url.ts';
import {
  type CrawlSourceRecord,
  deleteSource,
  findActiveRun,
  findSource,
  insertSource,
  updateSource,
} from '../crawl-store.ts';
import { CrawlSourceInput, CrawlSourcePatch, nextRunOf } from '../schema.ts';

export interface CreateCrawlSourceOptions {
  workspaceId: string;
  input: CrawlSourceInput;
  createdBy: string | null;
  utcOffsetMinutes: number;
}

/** Adds a web site to crawl. Its address is checked by the SSRF guard at every fetch, not here (DNS can change). */
export async function createCrawlSource(
  ctx: ServiceContext,
  options: CreateCrawlSourceOptions,
): Promise<CrawlSourceRecord> {
  const input = parseInput(CrawlSourceInput, options.input);
  const { workspaceId } = options;
  if (input.categoryId && !(await findCategory(ctx.db, workspaceId, input.categoryId))) throw notFound('Category');
  const now = ctx.clock.now();
  return insertSource(ctx.db, {
    id: newId('kbs'),
    workspace_id: workspaceId,
    name: input.name,
    start_url: normalizeUrl(input.startUrl) as string,
    sitemap_url: input.sitemapUrl ? (normalizeUrl(input.sitemapUrl) as string) : null,
    max_depth: input.maxDepth,
    max_pages: input.maxPages,
    schedule: input.schedule,
    category_id: input.categoryId,
    enabled: input.enabled ? 1 : 0,
    status: 'idle',
    next_run_at: nextRunOf(input.schedule, input.enabled, now, options.utcOffsetMinutes),
    last_run_id: null,
    last_run_at: null,
    last_run_status: null,
    created_by: options.createdBy,
    created_at: now,
    updated_at: now,
  });
}

export interface UpdateCrawlSourceOptions {
  workspaceId: string;
  sourceId: string;
  patch: CrawlSourcePatch;
  utcOffsetMinutes: number;
}

/** Changes a source's limits, schedule or category; a new schedule takes effect from now. */
export async function updateCrawlSource(
  ctx: ServiceContext,
  options: UpdateCrawlSourceOptions,
): Promise<CrawlSourceRecord> {
  const patch = parseInput(CrawlSourcePatch, options.patch);
  const { workspaceId, sourceId } = options;
  const current = await findSource(ctx.db, workspaceId, sourceId);
  if (!current) throw notFound('Crawl source');
  if (patch.categoryId && !(await findCategory(ctx.db, workspaceId, patch.categoryId))) throw notFound('Category');
  const schedule = patch.schedule === undefined ? current.schedule : patch.schedule;
  const enabled = patch.enabled ?? current.enabled;
  const now = ctx.clock.now();
  const updated = await updateSource(ctx.db, workspaceId, sourceId, {
    ...(patch.name === undefined ? {} : { name: patch.name }),
    ...(patch.sitemapUrl === undefined
      ? {}
      : { sitemap_url: patch.sitemapUrl ? (normalizeUrl(patch.sitemapUrl) ?? null) : null }),
    ...(patch.maxDepth === undefined ? {} : { max_depth: patch.maxDepth }),
    ...(patch.maxPages === undefined ? {} : { max_pages: patch.maxPages }),
    ...(patch.categoryId === undefined ? {} : { category_id: patch.categoryId }),
    schedule,
    enabled: enabled ? 1 : 0,
    next_run_at: nextRunOf(schedule, enabled, now, options.utcOffsetMinutes),
    updated_at: now,
  });
  if (!updated) throw notFound('Crawl source');
  return updated;
}

/** Removes a source and the record of its pages; the drafts and articles made from them stay. */
export async function deleteCrawlSource(ctx: ServiceContext, workspaceId: string, sourceId: string): Promise<void> {
  const source = await findSource(ctx.db, workspaceId, sourceId);
  if (!source) throw notFound('Crawl source');
  if (await findActiveRun(ctx.db, workspaceId, sourceId)) {
    throw new AppError('conflict', 'A crawl of this source is running; delete it when the run ends', {
      details: { reason: 'crawl_running' },
    });
  }
  await deleteSource(ctx.db, workspaceId, sourceId);
}
