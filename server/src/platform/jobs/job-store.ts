import { type ExpressionBuilder, PostgresAdapter, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { fromJson, toJson } from '../db/dialect.ts';
import type { Tables } from '../db/tables.ts';
import type { JobRecord } from './job-queue.ts';
import type { JobTable } from './job-table.ts';
import './job-table.ts';

export interface NewJob {
  id: string;
  name: string;
  payload: unknown;
  jobKey: string | null;
  runAt: number;
  maxAttempts: number;
  now: number;
}

/** A job claimed by one worker until `locked_until`. */
export type ClaimedJob = JobTable & { locked_by: string };

/** Due: queued and its time has come, or running under a claim that has expired (the worker died). */
function due(now: number) {
  return (eb: ExpressionBuilder<Tables, 'jobs'>) =>
    eb.or([
      eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
      eb.and([eb('status', '=', 'running'), eb('locked_until', '<=', now)]),
    ]);
}

/** The SQL of the database job queue, the same on SQLite and PostgreSQL except for row locking. */
export class JobStore {
  private readonly postgres: boolean;

  constructor(private readonly db: Db) {
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  /** Inserts the job unless one with the same key exists; returns the id of the job that holds the key. */
  async insert(job: NewJob): Promise<{ id: string; created: boolean }> {
    const inserted = await this.db
      .insertInto('jobs')
      .values({
        id: job.id,
        name: job.name,
        payload: toJson(job.payload),
        status: 'queued',
        job_key: job.jobKey,
        run_at: job.runAt,
        attempts: 0,
        max_attempts: job.maxAttempts,
        last_error: null,
        locked_by: null,
        locked_until: null,
        created_at: job.now,
        updated_at: job.now,
        finished_at: null,
      })
      .onConflict((oc) => oc.column('job_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { id: inserted.id, created: true };
    const existing = await this.db
      .selectFrom('jobs')
      .select('id')
      .where('job_key', '=', job.jobKey)
      .executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  }

  /**
   * Claims the most overdue job among `names` in one statement. PostgreSQL skips rows another worker is claiming
   * (`for update skip locked`); SQLite has one writer, so the update-with-where is already atomic.
   */
  async claim(names: string[], token: string, now: number, leaseMs: number): Promise<ClaimedJob | undefined> {
    if (names.length === 0) return undefined;
    const db = this.db;
    let candidate = db.selectFrom('jobs').select('id').where('name', 'in', names).where(due(now)).orderBy('run_at');
    candidate = candidate.limit(1);
    if (this.postgres) candidate = candidate.forUpdate().skipLocked();
    const row = await db
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: sql<number>`attempts + 1`,
        locked_by: token,
        locked_until: now + leaseMs,
        updated_at: now,
      })
      .where('id', '=', candidate)
      .where(due(now))
      .returningAll()
      .executeTakeFirst();
    return row as ClaimedJob | undefined;
  }

  /** Pushes the claim's expiry forward while the handler still runs; false when the claim was lost. */
  async extend(id: string, token: string, until: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ locked_until: until, updated_at: now })
      .where('id', '=', id)
      .where('locked_by', '=', token)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async complete(id: string, token: string, now: number): Promise<boolean> {
    return this.finish(id, token, { status: 'done', finished_at: now, updated_at: now });
  }

  async retry(id: string, token: string, runAt: number, error: string, now: number): Promise<boolean> {
    return this.finish(id, token, { status: 'queued', run_at: runAt, last_error: error, updated_at: now });
  }

  async bury(id: string, token: string, error: string, now: number): Promise<boolean> {
    return this.finish(id, token, { status: 'dead', last_error: error, finished_at: now, updated_at: now });
  }

  async get(id: string): Promise<JobRecord | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      payload: fromJson<unknown>(row.payload, null),
      status: row.status,
      attempts: Number(row.attempts),
      maxAttempts: Number(row.max_attempts),
      lastError: row.last_error,
    };
  }

  /** Deletes done and dead jobs finished before `before`; their keys become free again. */
  async prune(before: number): Promise<number> {
    const result = await this.db
      .deleteFrom('jobs')
      .where('status', 'in', ['done', 'dead'])
      .where('finished_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  // Only the worker whose claim is still current may record the outcome: a worker that lost its claim to the
  // visibility timeout must not overwrite what the new owner does.
  private async finish(id: string, token: string, changes: Partial<JobTable>): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ ...changes, locked_by: null, locked_until: null })
      .where('id', '=', id)
      .where('locked_by', '=', token)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
