import type { ServiceContext } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { JobQueue } from '../../../platform/jobs/job-queue.ts';
import { type CrawlRunRecord, findActiveRun, findSource, insertRun, updateSource } from '../crawl-store.ts';

/** The job that crawls a source (handler: workers/knowledge-acquisition.ts). */
export const CRAWL_JOB = 'kb.crawl';

export interface CrawlJobPayload {
  workspaceId: string;
  runId: string;
}

export interface StartCrawlRunOptions {
  workspaceId: string;
  sourceId: string;
  trigger: 'manual' | 'schedule';
  /** The scheduled slot this run is for: with it the job key is deterministic, so a slot never runs twice. */
  slot?: number;
}

/**
 * Queues a crawl of a source. One run at a time per source: asking again while one is queued or running is a 409
 * for a person, and nothing for the scheduler (the running one covers the slot).
 */
export async function startCrawlRun(
  ctx: ServiceContext,
  jobs: JobQueue,
  options: StartCrawlRunOptions,
): Promise<CrawlRunRecord | undefined> {
  const { workspaceId, sourceId, trigger } = options;
  const source = await findSource(ctx.db, workspaceId, sourceId);
  if (!source) throw notFound('Crawl source');
  const active = await findActiveRun(ctx.db, workspaceId, sourceId);
  if (active) {
    if (trigger === 'schedule') return undefined;
    throw new AppError('conflict', 'A crawl of this source is already queued or running', {
      details: { reason: 'crawl_running', runId: active.id },
    });
  }
  const now = ctx.clock.now();
  const run = await insertRun(ctx.db, {
    id: newId('kbr'),
    workspace_id: workspaceId,
    source_id: sourceId,
    trigger,
    status: 'queued',
    progress: 0,
    pages_fetched: 0,
    pages_new: 0,
    pages_changed: 0,
    pages_unchanged: 0,
    pages_skipped: 0,
    summary: '{}',
    error: null,
    queued_at: now,
    started_at: null,
    finished_at: null,
  });
  await updateSource(ctx.db, workspaceId, sourceId, { status: 'queued', last_run_id: run.id, updated_at: now });
  const payload: CrawlJobPayload = { workspaceId, runId: run.id };
  const jobKey = options.slot === undefined ? `${CRAWL_JOB}:${run.id}` : `${CRAWL_JOB}:${sourceId}:${options.slot}`;
  await jobs.enqueue(CRAWL_JOB, payload, { jobKey, maxAttempts: 2 });
  return run;
}
