import { AppError } from '../../../platform/errors.ts';
import type { JobQueue } from '../../../platform/jobs/job-queue.ts';
import type { AppDeps } from '../../types.ts';

/** The job queue imports and crawls are handed to; an API-only process without one cannot take them. */
export function jobQueueOf(deps: AppDeps): JobQueue {
  const jobs = deps.infrastructure?.jobs;
  if (!jobs) throw new AppError('not_ready', 'Background jobs are not available in this process');
  return jobs;
}
