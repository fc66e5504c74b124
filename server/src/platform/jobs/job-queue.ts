/**
 * The JobQueue port: durable background work (imports, crawls, training, webhooks, mining). Two adapters share it:
 * a table in the main database (embedded and small clusters) and BullMQ on Redis (large clusters).
 * Delivery is at least once: a handler may run again after a crash, so handlers must be idempotent.
 */

export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface EnqueueOptions {
  /** Epoch ms before which the job does not run (default: now). */
  runAt?: number;
  /** Runs allowed before the job is dead-lettered (default: the queue's, 5). */
  maxAttempts?: number;
  /** Idempotence key: while a job with this key is kept, enqueueing the same key again does nothing. */
  jobKey?: string;
}

export interface EnqueueResult {
  id: string;
  /** False when a job with the same jobKey already existed (best effort on BullMQ under a race). */
  created: boolean;
}

export interface JobInfo {
  id: string;
  name: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler<P = unknown> = (payload: P, job: JobInfo) => Promise<void>;

export interface JobRecord {
  id: string;
  name: string;
  payload: unknown;
  status: JobStatus;
  /** Runs started so far. */
  attempts: number;
  maxAttempts: number;
  /** The message of the last failure; kept on dead jobs for the operator. */
  lastError: string | null;
}

export interface JobQueue {
  enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<EnqueueResult>;
  /** Registers the handler for one job name; a worker only takes jobs it has a handler for. */
  handle<P>(name: string, handler: JobHandler<P>): void;
  /** Starts working (only processes with the worker role call it). */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
  /** stop() and release connections. */
  close(): Promise<void>;
  get(id: string): Promise<JobRecord | undefined>;
}

export interface BackoffOptions {
  /** Delay after the first failure. */
  baseMs: number;
  /** Ceiling of any delay. */
  maxMs: number;
  /** Fraction of the delay taken away at random (0–1), so jobs failing together do not retry together. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 60 * 60_000, jitter: 0.2 };
export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_VISIBILITY_TIMEOUT_MS = 5 * 60_000;

/** Exponential backoff with jitter: base·2^(failures−1), capped, minus up to `jitter` of itself. */
export function backoffDelay(failures: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential * (1 - options.jitter * random()));
}

const JOB_NAME = /^[a-z][a-z0-9_.-]{0,99}$/;

/** Job names become BullMQ queue names and metric labels: lowercase, no `:` or `/`. */
export function assertJobName(name: string): void {
  if (!JOB_NAME.test(name)) throw new Error(`invalid job name "${name}"`);
}

export function assertMaxAttempts(value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`maxAttempts must be a positive integer, got ${value}`);
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
