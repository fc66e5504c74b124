import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import {
  assertJobName,
  assertMaxAttempts,
  type BackoffOptions,
  backoffDelay,
  DEFAULT_BACKOFF,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_VISIBILITY_TIMEOUT_MS,
  type EnqueueOptions,
  type EnqueueResult,
  errorMessage,
  type JobHandler,
  type JobQueue,
  type JobRecord,
} from './job-queue.ts';
import { type ClaimedJob, JobStore } from './job-store.ts';

export interface DbJobQueueOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Jobs run at once by this process. */
  concurrency?: number;
  /** How often an idle worker looks for due jobs (enqueues in this process wake it at once). */
  pollIntervalMs?: number;
  /** A claim lasts this long and is renewed while the handler runs; a crashed worker's job is retried after it. */
  visibilityTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  defaultMaxAttempts?: number;
  /** For tests: the randomness behind backoff jitter. */
  random?: () => number;
}

/** The job queue on a table of the main database (SQLite or PostgreSQL). */
export class DbJobQueue implements JobQueue {
  private readonly store: JobStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly visibilityTimeoutMs: number;
  private readonly backoff: BackoffOptions;
  private readonly defaultMaxAttempts: number;
  private readonly random: () => number;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly active = new Set<Promise<void>>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(options: DbJobQueueOptions) {
    this.store = new JobStore(options.db);
    this.clock = options.clock;
    this.logger = options.logger;
    this.concurrency = options.concurrency ?? 4;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.visibilityTimeoutMs = options.visibilityTimeoutMs ?? DEFAULT_VISIBILITY_TIMEOUT_MS;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.defaultMaxAttempts = options.defaultMaxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.random = options.random ?? Math.random;
  }

  async enqueue<P>(name: string, payload: P, options: EnqueueOptions = {}): Promise<EnqueueResult> {
    assertJobName(name);
    const maxAttempts = options.maxAttempts ?? this.defaultMaxAttempts;
    assertMaxAttempts(maxAttempts);
    const now = this.clock.now();
    const result = await this.store.insert({
      id: newId('job'),
      name,
      payload,
      jobKey: options.jobKey ?? null,
      runAt: options.runAt ?? now,
      maxAttempts,
      now,
    });
    if (result.created && (options.runAt ?? now) <= now) this.wake?.();
    return result;
  }

  handle<P>(name: string, handler: JobHandler<P>): void {
    assertJobName(name);
    if (this.handlers.has(name)) throw new Error(`job "${name}" already has a handler`);
    this.handlers.set(name, handler as JobHandler);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loop = this.work();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    while (this.active.size > 0) await Promise.all([...this.active]);
  }

  close(): Promise<void> {
    return this.stop();
  }

  get(id: string): Promise<JobRecord | undefined> {
    return this.store.get(id);
  }

  /** Deletes done and dead jobs finished more than `olderThanMs` ago. */
  prune(olderThanMs: number): Promise<number> {
    return this.store.prune(this.clock.now() - olderThanMs);
  }

  /**
   * Runs due jobs in this call until none is left, without the polling loop. For tests with a manual clock and for
   * one-shot commands.
   */
  async runDue(): Promise<number> {
    let ran = 0;
    for (let job = await this.claimNext(); job; job = await this.claimNext()) {
      await this.run(job);
      ran++;
    }
    return ran;
  }

  private async work(): Promise<void> {
    while (this.running) {
      while (this.running && this.active.size < this.concurrency) {
        const job = await this.claimNext().catch((error: unknown) => {
          this.logger.error({ err: error }, 'job claim failed');
          return undefined;
        });
        if (!job) break;
        const run = this.run(job).finally(() => {
          this.active.delete(run);
          this.wake?.();
        });
        this.active.add(run);
      }
      if (this.running) await this.idle();
    }
  }

  /** Sleeps for the poll interval, or less when a job finishes, one is enqueued here, or stop() is called. */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollIntervalMs);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        if (self.wake === done) self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }

  private async claimNext(): Promise<ClaimedJob | undefined> {
    const names = [...this.handlers.keys()];
    for (;;) {
      const now = this.clock.now();
      const job = await this.store.claim(names, randomUUID(), now, this.visibilityTimeoutMs);
      if (!job) return undefined;
      // A job reclaimed after its last allowed run crashed its worker is dead, not run once more.
      if (job.attempts <= job.max_attempts) return job;
      const error = job.last_error ?? 'the worker running it stopped answering (visibility timeout)';
      await this.store.bury(job.id, job.locked_by, error, now);
      this.logger.error({ jobId: job.id, job: job.name, error }, 'job dead-lettered');
    }
  }

  private async run(job: ClaimedJob): Promise<void> {
    const handler = this.handlers.get(job.name);
    const heartbeat = setInterval(
      () => {
        const now = this.clock.now();
        this.store.extend(job.id, job.locked_by, now + this.visibilityTimeoutMs, now).catch((error: unknown) => {
          this.logger.warn({ err: error, jobId: job.id }, 'job claim renewal failed');
        });
      },
      Math.max(10, Math.floor(this.visibilityTimeoutMs / 3)),
    );
    try {
      if (!handler) throw new Error(`no handler for job "${job.name}"`);
      await handler(JSON.parse(job.payload), {
        id: job.id,
        name: job.name,
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
      });
      clearInterval(heartbeat);
      await this.store.complete(job.id, job.locked_by, this.clock.now());
    } catch (error) {
      clearInterval(heartbeat);
      await this.recordFailure(job, errorMessage(error)).catch((storeError: unknown) => {
        this.logger.error({ err: storeError, jobId: job.id }, 'could not record job failure');
      });
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async recordFailure(job: ClaimedJob, error: string): Promise<void> {
    const now = this.clock.now();
    if (job.attempts >= job.max_attempts) {
      await this.store.bury(job.id, job.locked_by, error, now);
      this.logger.error({ jobId: job.id, job: job.name, attempts: job.attempts, error }, 'job dead-lettered');
      return;
    }
    const delay = backoffDelay(job.attempts, this.backoff, this.random);
    await this.store.retry(job.id, job.locked_by, now + delay, error, now);
    this.logger.warn({ jobId: job.id, job: job.name, attempt: job.attempts, retryInMs: delay, error }, 'job failed');
  }
}
