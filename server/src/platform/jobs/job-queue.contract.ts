import { pino } from 'pino';
import { openTestDatabase, testEngines } from '../../../test/support/engines.ts';
import { openTestRedis, testRedisUrl } from '../../../test/support/redis.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { BullJobQueue } from './bullmq-job-queue.ts';
import { DbJobQueue } from './db-job-queue.ts';
import type { JobQueue } from './job-queue.ts';

/**
 * The job queue adapters the contract tests run against: the database queue on every test engine, BullMQ when
 * LINGXI_TEST_REDIS_URL is set. Several `open()` calls give several workers on one shared store.
 */
export interface QueueFixture {
  open(options?: { concurrency?: number; clock?: Clock }): JobQueue;
  dispose(): Promise<void>;
}

export const silentLogger = pino({ level: 'silent' });
const FAST_BACKOFF = { baseMs: 10, maxMs: 1_000, jitter: 0.2 };

export function queueAdapters(): [string, () => Promise<QueueFixture>][] {
  const adapters: [string, () => Promise<QueueFixture>][] = testEngines().map((engine) => [
    `database on ${engine}`,
    async () => dbFixture(await openTestDatabase(engine)),
  ]);
  if (testRedisUrl) adapters.push(['bullmq', async () => bullFixture()]);
  return adapters;
}

function dbFixture(database: Database & { dispose(): Promise<void> }): QueueFixture {
  const queues: JobQueue[] = [];
  return {
    open(options = {}) {
      const queue = new DbJobQueue({
        database,
        clock: options.clock ?? systemClock,
        logger: silentLogger,
        concurrency: options.concurrency ?? 4,
        pollIntervalMs: 10,
        visibilityTimeoutMs: 10_000,
        backoff: FAST_BACKOFF,
      });
      queues.push(queue);
      return queue;
    },
    async dispose() {
      await Promise.all(queues.map((q) => q.close()));
      await database.dispose();
    },
  };
}

function bullFixture(): QueueFixture {
  const redis = openTestRedis();
  const queues: JobQueue[] = [];
  return {
    open(options = {}) {
      const queue = new BullJobQueue({
        connection: redis.connect({ maxRetriesPerRequest: null }),
        clock: options.clock ?? systemClock,
        logger: silentLogger,
        prefix: `${redis.prefix}jobs`,
        concurrency: options.concurrency ?? 4,
        visibilityTimeoutMs: 10_000,
        backoff: FAST_BACKOFF,
      });
      queues.push(queue);
      return queue;
    },
    async dispose() {
      await Promise.all(queues.map((q) => q.close()));
      await redis.dispose();
    },
  };
}
