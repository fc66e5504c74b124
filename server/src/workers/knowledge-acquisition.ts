import {
  IMPORT_JOB,
  type ImportJobPayload,
  importProgressKey,
} from '../knowledge/acquisition/commands/create-import.ts';
import { enqueueDueCrawls } from '../knowledge/acquisition/commands/enqueue-due-crawls.ts';
import { runCrawl } from '../knowledge/acquisition/commands/run-crawl.ts';
import { runImport } from '../knowledge/acquisition/commands/run-import.ts';
import { CRAWL_JOB, type CrawlJobPayload } from '../knowledge/acquisition/commands/start-crawl-run.ts';
import { createHttpFetcher, type PageFetcher } from '../knowledge/acquisition/crawl/fetch-page.ts';
import { findRun, updateRun, updateSource } from '../knowledge/acquisition/crawl-store.ts';
import { findImport, finishImport } from '../knowledge/acquisition/import-store.ts';
import type { AcquisitionSettings } from '../knowledge/acquisition/settings.ts';
import type { ServiceContext } from '../platform/context.ts';
import type { Infrastructure } from '../platform/infrastructure.ts';
import { errorMessage } from '../platform/jobs/job-queue.ts';
import { mineWorkspace } from './mine-suggestions.ts';

export const CRAWL_DUE_JOB = 'kb.crawl-due';
export const MINE_JOB = 'kb.mine';
export const MINE_ALL_JOB = 'kb.mine-all';

export interface AcquisitionWorkerOptions {
  settings: AcquisitionSettings;
  /** Tests and the bench pass their own fetcher (e.g. one that allows loopback); default: the guarded HTTP fetcher. */
  fetcher?: PageFetcher;
}

/**
 * The knowledge acquisition jobs: imports, crawls, the per-minute pass over crawl schedules, and mining (daily for
 * every workspace, or on demand). Handlers are registered in every process; only the worker role runs them.
 */
export function registerKnowledgeAcquisitionWorkers(
  ctx: ServiceContext,
  infrastructure: Pick<Infrastructure, 'jobs' | 'scheduler' | 'cache'>,
  options: AcquisitionWorkerOptions,
): void {
  const { jobs, scheduler, cache } = infrastructure;
  const { settings } = options;
  const fetcher =
    options.fetcher ??
    createHttpFetcher({ policy: { allow: settings.crawlAllow }, userAgent: settings.crawlUserAgent });

  jobs.handle<ImportJobPayload>(IMPORT_JOB, async ({ workspaceId, importId }, job) => {
    try {
      await runImport(ctx, {
        workspaceId,
        importId,
        utcOffsetMinutes: settings.utcOffsetMinutes,
        onProgress: (percent) => void cache.set(importProgressKey(importId), percent, 3_600_000).catch(() => {}),
      });
    } catch (error) {
      // The last attempt: the user must see that it failed, not a progress bar stuck for ever.
      if (job.attempt >= job.maxAttempts && (await findImport(ctx.db, workspaceId, importId))?.status === 'running') {
        await finishImport(ctx.db, workspaceId, importId, {
          status: 'failed',
          encoding: null,
          totalEntries: 0,
          importedCount: 0,
          problems: [],
          articleIds: [],
          error: `internal error: ${errorMessage(error)}`,
          now: ctx.clock.now(),
        });
      }
      throw error;
    }
  });

  jobs.handle<CrawlJobPayload>(CRAWL_JOB, async ({ workspaceId, runId }, job) => {
    try {
      await runCrawl(ctx, { workspaceId, runId, fetcher, userAgent: settings.crawlUserAgent });
    } catch (error) {
      if (job.attempt >= job.maxAttempts) await failCrawlRun(ctx, workspaceId, runId, errorMessage(error));
      throw error;
    }
  });

  jobs.handle(CRAWL_DUE_JOB, async () => {
    await enqueueDueCrawls(ctx, jobs, settings.utcOffsetMinutes);
  });
  scheduler.add({ name: CRAWL_DUE_JOB, everyMs: 60_000, job: CRAWL_DUE_JOB });

  jobs.handle<{ workspaceId: string }>(MINE_JOB, async ({ workspaceId }) => {
    const report = await mineWorkspace(ctx, workspaceId);
    ctx.logger.info({ workspaceId, ...report }, 'knowledge suggestions mined');
  });
  jobs.handle(MINE_ALL_JOB, async () => {
    // Workspace ids only (security owns the table); each workspace is mined by a job of its own.
    const workspaces = await ctx.db.selectFrom('workspaces').select('id').execute();
    const day = new Date(ctx.clock.now()).toISOString().slice(0, 10);
    for (const { id } of workspaces)
      await jobs.enqueue(MINE_JOB, { workspaceId: id }, { jobKey: `${MINE_JOB}:${id}:${day}` });
  });
  scheduler.add({
    name: MINE_ALL_JOB,
    cron: '30 2 * * *',
    utcOffsetMinutes: settings.utcOffsetMinutes,
    job: MINE_ALL_JOB,
  });
}

/** The last attempt of a crawl failed: the run and its source say so, instead of showing "running" for ever. */
async function failCrawlRun(ctx: ServiceContext, workspaceId: string, runId: string, message: string): Promise<void> {
  const now = ctx.clock.now();
  const failed = await updateRun(
    ctx.db,
    workspaceId,
    runId,
    { status: 'failed', error: `internal error: ${message}`, finished_at: now },
    ['queued', 'running'],
  );
  const run = await findRun(ctx.db, workspaceId, runId);
  if (failed && run) {
    await updateSource(ctx.db, workspaceId, run.sourceId, {
      status: 'idle',
      last_run_at: now,
      last_run_status: 'failed',
      updated_at: now,
    });
  }
}
