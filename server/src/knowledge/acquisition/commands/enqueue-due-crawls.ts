import type { ServiceContext } from '../../../platform/context.ts';
import type { JobQueue } from '../../../platform/jobs/job-queue.ts';
import { advanceSchedule, listDueSources } from '../crawl-store.ts';
import { nextRunOf } from '../schema.ts';
import { startCrawlRun } from './start-crawl-run.ts';

/**
 * The cron role's pass over crawl sources: each source whose scheduled time has come gets one run for that slot.
 * Moving `next_run_at` is a compare-and-set on the slot, and the job key names the slot, so however many instances
 * run the cron role, a slot is crawled once. Returns the runs queued.
 */
export async function enqueueDueCrawls(ctx: ServiceContext, jobs: JobQueue, utcOffsetMinutes: number): Promise<number> {
  const now = ctx.clock.now();
  let queued = 0;
  for (const source of await listDueSources(ctx.db, now)) {
    const slot = source.nextRunAt as number;
    const next = nextRunOf(source.schedule, source.enabled, now, utcOffsetMinutes);
    if (!(await advanceSchedule(ctx.db, source.id, slot, next))) continue;
    const run = await startCrawlRun(ctx, jobs, {
      workspaceId: source.workspaceId,
      sourceId: source.id,
      trigger: 'schedule',
      slot,
    });
    if (run) queued++;
  }
  return queued;
}
