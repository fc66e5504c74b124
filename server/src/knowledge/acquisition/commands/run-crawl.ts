import type { ServiceContext } from '../../../platform/context.ts';
import { isAppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { createArticle } from '../../commands/create-article.ts';
import { updateArticle } from '../../commands/update-article.ts';
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH } from '../../schema.ts';
import { findArticle } from '../../store.ts';
import { type CrawledPage, CrawlRefusedError, type CrawlSummary, crawlSite } from '../crawl/crawler.ts';
import type { PageFetcher } from '../crawl/fetch-page.ts';
import {
  type CrawlRunRecord,
  type CrawlSourceRecord,
  findPage,
  findRun,
  findSource,
  insertPage,
  runSummary,
  updatePage,
  updateRun,
  updateSource,
} from '../crawl-store.ts';
import { guessLanguage } from '../import/document.ts';

export interface RunCrawlOptions {
  workspaceId: string;
  runId: string;
  fetcher: PageFetcher;
  userAgent: string;
  concurrency?: number;
}

type Change = 'new' | 'changed' | 'unchanged';

/**
 * Crawls a source and turns what changed into drafts for review: a new page becomes a document draft, a page whose
 * content hash changed becomes a new draft version of its article (what customers are served stays as it was until a
 * reviewer publishes), an unchanged page writes nothing. Progress is written to the run as pages come in.
 */
export async function runCrawl(ctx: ServiceContext, options: RunCrawlOptions): Promise<CrawlRunRecord | undefined> {
  const { workspaceId, runId } = options;
  const now = () => ctx.clock.now();
  const claimed = await updateRun(ctx.db, workspaceId, runId, { status: 'running', started_at: now() }, [
    'queued',
    'running',
  ]);
  const run = await findRun(ctx.db, workspaceId, runId);
  if (!claimed || !run) return run;
  const source = await findSource(ctx.db, workspaceId, run.sourceId);
  if (!source) {
    await updateRun(ctx.db, workspaceId, runId, { status: 'failed', error: 'source deleted', finished_at: now() });
    return findRun(ctx.db, workspaceId, runId);
  }
  await updateSource(ctx.db, workspaceId, source.id, { status: 'running', updated_at: now() });
  const counts = { new: 0, changed: 0, unchanged: 0 };
  let lastWritten = -1;
  let summary: CrawlSummary | undefined;
  let error: string | null = null;
  try {
    summary = await crawlSite({
      startUrl: source.startUrl,
      sitemapUrl: source.sitemapUrl,
      maxDepth: source.maxDepth,
      maxPages: source.maxPages,
      userAgent: options.userAgent,
      fetcher: options.fetcher,
      concurrency: options.concurrency,
      onPage: async (page) => {
        counts[await syncPage(ctx, source, run, page)]++;
      },
      onProgress: (p) => {
        // Written every few percent: enough for a progress bar, little for the database.
        if (p.percent < lastWritten + 2 && p.percent !== 100) return;
        lastWritten = p.percent;
        void updateRun(ctx.db, workspaceId, runId, {
          progress: p.percent,
          pages_fetched: p.fetched,
          pages_skipped: p.skipped,
          pages_new: counts.new,
          pages_changed: counts.changed,
          pages_unchanged: counts.unchanged,
        }).catch((e: unknown) => ctx.logger.warn({ err: e, runId }, 'crawl progress not saved'));
      },
    });
  } catch (caught) {
    if (!(caught instanceof CrawlRefusedError)) throw caught;
    error = `${caught.reason}: ${caught.message}`;
  }
  const finishedAt = now();
  const status = error ? 'failed' : 'succeeded';
  // One transaction: whoever reads the source sees it idle exactly when its run is finished, never one without the other.
  await ctx.db.transaction().execute(async (trx) => {
    await updateRun(trx, workspaceId, runId, {
      status,
      progress: 100,
      pages_fetched: summary?.fetched ?? 0,
      pages_skipped: summary?.skippedCount ?? 0,
      pages_new: counts.new,
      pages_changed: counts.changed,
      pages_unchanged: counts.unchanged,
      summary: runSummary(
        summary
          ? {
              robots: summary.robots,
              truncated: summary.truncated,
              sitemap: summary.sitemap,
              discovered: summary.discovered,
              skipped: summary.skipped.slice(0, 100),
            }
          : {},
      ),
      error,
      finished_at: finishedAt,
    });
    await updateSource(trx, workspaceId, source.id, {
      status: 'idle',
      last_run_at: finishedAt,
      last_run_status: status,
      updated_at: finishedAt,
    });
  });
  return findRun(ctx.db, workspaceId, runId);
}

async function syncPage(
  ctx: ServiceContext,
  source: CrawlSourceRecord,
  run: CrawlRunRecord,
  page: CrawledPage,
): Promise<Change> {
  const { workspaceId } = source;
  const now = ctx.clock.now();
  const seen = await findPage(ctx.db, workspaceId, source.id, page.url);
  if (seen && seen.content_hash === page.contentHash) {
    await updatePage(ctx.db, workspaceId, seen.id, { last_seen_at: now, last_run_id: run.id });
    return 'unchanged';
  }
  const title = page.title.slice(0, MAX_TITLE_LENGTH);
  const body = page.text.slice(0, MAX_BODY_LENGTH);
  const article = seen?.article_id ? await findArticle(ctx.db, workspaceId, seen.article_id) : undefined;
  let articleId = article?.id;
  if (article) {
    await reviseArticle(ctx, workspaceId, article.id, article.version, { title, body, note: `Changed on ${page.url}` });
  } else {
    const created = await createArticle(ctx, {
      workspaceId,
      input: {
        kind: 'document',
        language: guessLanguage(body),
        title,
        body,
        categoryId: source.categoryId,
        note: `Crawled from ${page.url}`,
      },
      actor: { type: 'system', id: null },
      source: { type: 'crawl', sourceId: source.id, runId: run.id, url: page.url.slice(0, 2_048) },
    });
    articleId = created.id;
  }
  if (seen) {
    await updatePage(ctx.db, workspaceId, seen.id, {
      title,
      content_hash: page.contentHash,
      article_id: articleId ?? null,
      last_run_id: run.id,
      last_seen_at: now,
      last_changed_at: now,
    });
    return 'changed';
  }
  await insertPage(ctx.db, {
    id: newId('kbp'),
    workspace_id: workspaceId,
    source_id: source.id,
    url: page.url,
    title,
    content_hash: page.contentHash,
    article_id: articleId ?? null,
    last_run_id: run.id,
    first_seen_at: now,
    last_seen_at: now,
    last_changed_at: now,
  });
  return 'new';
}

/** A new draft version on top of whatever the article is; if an editor saved in between, on top of theirs. */
async function reviseArticle(
  ctx: ServiceContext,
  workspaceId: string,
  articleId: string,
  version: number,
  patch: { title: string; body: string; note: string },
) {
  try {
    await updateArticle(ctx, {
      workspaceId,
      articleId,
      patch: { ...patch, expectedVersion: version },
      actor: { type: 'system', id: null },
    });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'conflict') throw error;
    const fresh = await findArticle(ctx.db, workspaceId, articleId);
    if (!fresh) throw error;
    await updateArticle(ctx, {
      workspaceId,
      articleId,
      patch: { ...patch, expectedVersion: fresh.version },
      actor: { type: 'system', id: null },
    });
  }
}
