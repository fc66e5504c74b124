import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.ts';
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
  type JobHandler,
  type JobQueue,
  type JobRecord,
  type JobStatus,
} from './job-queue.ts';

export interface BullJobQueueOptions {
  /** A connection made with `maxRetriesPerRequest: null` (BullMQ's blocking commands need it); not closed here. */
  connection: Redis;
  clock: Clock;
  logger: Logger;
  /** Key prefix in Redis. */
  prefix?: string;
  concurrency?: number;
  /** BullMQ's lock duration: a job whose worker stops renewing the lock is moved back and retried. */
  visibilityTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  defaultMaxAttempts?: number;
  /** How long finished jobs (and so their jobKeys) are kept; must exceed any window in which a key is re-sent. */
  keepFinishedMs?: number;
}

const BACKOFF_TYPE = 'lingxi';

/**
 * The job queue on BullMQ: one BullMQ queue per job name, so a worker only ever takes jobs it has a handler for.
 * Ids are `<name>/<bullmq id>`; a jobKey becomes the BullMQ job id, which BullMQ keeps unique.
 */
export class BullJobQueue implements JobQueue {
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private readonly handlers = new Map<string, JobHandler>();
  private readonly backoff: BackoffOptions;
  private readonly prefix: string;
  private running = false;

  constructor(private readonly options: BullJobQueueOptions) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.prefix = options.prefix ?? 'lingxi:jobs';
  }

  async enqueue<P>(name: string, payload: P, options: EnqueueOptions = {}): Promise<EnqueueResult> {
    assertJobName(name);
    const maxAttempts = options.maxAttempts ?? this.options.defaultMaxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    assertMaxAttempts(maxAttempts);
    const queue = this.queue(name);
    const jobId = options.jobKey === undefined ? newId('job') : keyToJobId(options.jobKey);
    const keepMs = this.options.keepFinishedMs ?? 7 * 24 * 3_600_000;
    const keepSeconds = Math.ceil(keepMs / 1000);
    await queue.add(name, payload, {
      jobId,
      attempts: maxAttempts,
      backoff: { type: BACKOFF_TYPE },
      delay: Math.max(0, (options.runAt ?? 0) - this.options.clock.now()),
      removeOnComplete: { age: keepSeconds },
      removeOnFail: { age: keepSeconds * 4 },
    });
    const id = `${name}/${jobId}`;
    if (options.jobKey === undefined) return { id, created: true };
    // BullMQ adds a job once per id but does not say whether this call was the one; a marker set only if absent
    // makes exactly one of several racing enqueuers report `created`.
    const marker = await this.options.connection.set(`${this.prefix}:created:${id}`, '1', 'PX', keepMs, 'NX');
    return { id, created: marker === 'OK' };
  }

  handle<P>(name: string, handler: JobHandler<P>): void {
    assertJobName(name);
    if (this.handlers.has(name)) throw new Error(`job "${name}" already has a handler`);
    this.handlers.set(name, handler as JobHandler);
    if (this.running) this.startWorker(name);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    for (const name of this.handlers.keys()) this.startWorker(name);
    await Promise.all([...this.workers.values()].map((w) => w.waitUntilReady()));
  }

  async stop(): Promise<void> {
    this.running = false;
    const workers = [...this.workers.values()];
    this.workers.clear();
    // close() without force waits for the jobs in progress.
    await Promise.all(workers.map((w) => w.close()));
  }

  async close(): Promise<void> {
    await this.stop();
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(queues.map((q) => q.close()));
  }

  async get(id: string): Promise<JobRecord | undefined> {
    const slash = id.indexOf('/');
    if (slash <= 0) return undefined;
    const name = id.slice(0, slash);
    const job = await this.queue(name).getJob(id.slice(slash + 1));
    if (!job) return undefined;
    return {
      id,
      name,
      payload: job.data,
      status: toStatus(await job.getState()),
      attempts: job.attemptsStarted ?? job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      lastError: job.failedReason ? job.failedReason : null,
    };
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.options.connection, prefix: this.prefix });
      queue.on('error', (error) => this.options.logger.warn({ err: error, queue: name }, 'job queue connection error'));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private startWorker(name: string): void {
    if (this.workers.has(name)) return;
    const { logger } = this.options;
    const worker = new Worker(name, (job: Job) => this.process(name, job), {
      connection: this.options.connection,
      prefix: this.prefix,
      concurrency: this.options.concurrency ?? 4,
      lockDuration: this.options.visibilityTimeoutMs ?? DEFAULT_VISIBILITY_TIMEOUT_MS,
      settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, this.backoff) },
    });
    worker.on('error', (error) => logger.warn({ err: error, queue: name }, 'job worker error'));
    worker.on('failed', (job, error) => {
      if (!job) return;
      const dead = job.attemptsMade >= (job.opts.attempts ?? 1);
      const entry = { jobId: job.id, job: name, attempt: job.attemptsMade, error: error.message };
      if (dead) logger.error(entry, 'job dead-lettered');
      else logger.warn(entry, 'job failed');
    });
    this.workers.set(name, worker);
  }

  private async process(name: string, job: Job): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`no handler for job "${name}"`);
    await handler(job.data, {
      id: `${name}/${job.id}`,
      name,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
    });
  }
}

function toStatus(state: string): JobStatus {
  if (state === 'completed') return 'done';
  if (state === 'failed') return 'dead';
  if (state === 'active') return 'running';
  return 'queued';
}

/** BullMQ job ids may not be integers nor contain `:`; keys (`schedule:slot`) often do, so they are escaped. */
function keyToJobId(key: string): string {
  return `k_${key.replace(/%/g, '%25').replace(/:/g, '%3A')}`;
}
