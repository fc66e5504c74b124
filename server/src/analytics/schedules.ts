import type { Clock } from '../platform/clock.ts';
import type { JobQueue } from '../platform/jobs/job-queue.ts';
import type { ScheduledRun, Scheduler } from '../platform/jobs/scheduler.ts';
import type { Logger } from '../platform/logger.ts';
import type { AlertDelivery } from './deliver.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';
import type { Executor } from './executor.ts';
import { ingestReportingEvents } from './ingest.ts';
import { rebuildFacts } from './rebuild.ts';

export const ANALYTICS_TICK = 'analytics.tick';
/** Recomputes one workspace's facts after its definitions changed; payload `{ workspaceId }`. */
export const ANALYTICS_REBUILD = 'analytics.rebuild';

/**
 * One scheduled job a minute: fold new reporting events, then evaluate alert rules at the slot's time. The slot (not
 * the wall clock) is the evaluation time, so a late or repeated run judges the same window and fires at most once.
 */
export function registerAnalyticsJobs(
  ctx: { db: Executor; clock: Clock; logger: Logger },
  infrastructure: { jobs: JobQueue; scheduler: Scheduler },
  delivery: AlertDelivery = {},
  everyMs = 60_000,
): void {
  infrastructure.jobs.handle<ScheduledRun>(ANALYTICS_TICK, async (run) => {
    const ingested = await ingestReportingEvents(ctx, { maxBatches: 50 });
    const alerts = await evaluateAlerts(ctx, run.slot, delivery);
    if (ingested.events > 0 || alerts.fired.length > 0)
      ctx.logger.info({ slot: run.slot, ingested, fired: alerts.fired.length }, 'analytics tick');
  });
  infrastructure.jobs.handle<{ workspaceId: string }>(ANALYTICS_REBUILD, async ({ workspaceId }) => {
    await rebuildFacts(ctx, workspaceId);
  });
  infrastructure.scheduler.add({ name: ANALYTICS_TICK, everyMs, job: ANALYTICS_TICK, maxAttempts: 3 });
}
