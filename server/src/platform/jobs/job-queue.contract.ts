import { pino } from 'pino';
import { openTestDatabase, type TestDatabase, testEngines } from '../../../test/support/engines.ts';
import { openTestRedis, testRedisUrl } from '../../../test/support/redis.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { Database, Engine } from '../db/database.ts';
import { up as createJobsTable } from '../migrations/202611260001_jobs.ts';
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
    async () => dbFixture(await openJobsDatabase(engine)),
  ]);
  if (testRedisUrl) adapters.push(['bullmq', async () => bullFixture()]);
  return adapters;
}

/**
 * A test database with only the jobs table: these tests must not depend on other modules' migrations being
 * finished, and the jobs migration must stand alone anyway.
 */
export async function openJobsDatabase(engine: Engine): Promise<TestDatabase> {
  const database = await openTestDatabase(engine, { migrate: false });
  await createJobsTable(database.db);
  return database;
}

function dbFixture(database: Database & { dispose(): Promise<void> }): QueueFixture {
  const queues: JobQueue[] = [];
  return {
    open(options = {}) {
      const queue = new DbJobQueue({
        db: database.db,
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
