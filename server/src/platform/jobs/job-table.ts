import type { JobStatus } from './job-queue.ts';

/** The `jobs` table of the database job queue (migration: platform/migrations/202611260001_jobs.ts). */
export interface JobTable {
  id: string;
  name: string;
  /** JSON text. */
  payload: string;
  status: JobStatus;
  job_key: string | null;
  /** Epoch ms: not before. */
  run_at: number;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  /** The claim's token: only the worker holding it may finish the job. */
  locked_by: string | null;
  /** Epoch ms: past this, the claim is void and another worker may take the job (visibility timeout). */
  locked_until: number | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

declare module '../db/tables.ts' {
  interface Tables {
    jobs: JobTable;
  }
}
