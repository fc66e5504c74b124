import { Redis } from 'ioredis';
import type { Bus } from './bus/bus.ts';
import { LocalBus } from './bus/local-bus.ts';
import { RedisBus } from './bus/redis-bus.ts';
import type { Cache } from './cache/cache.ts';
import { MemoryCache } from './cache/memory-cache.ts';
import { RedisCache } from './cache/redis-cache.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db/database.ts';
import { BullJobQueue } from './jobs/bullmq-job-queue.ts';
import { DbJobQueue } from './jobs/db-job-queue.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { Scheduler } from './jobs/scheduler.ts';
import { LocalLock } from './lock/local-lock.ts';
import type { Lock } from './lock/lock.ts';
import { RedisLock } from './lock/redis-lock.ts';
import type { Logger } from './logger.ts';
import { MemoryRateLimiter } from './rate-limit/memory-rate-limiter.ts';
import type { RateLimiter } from './rate-limit/rate-limiter.ts';
import { RedisRateLimiter } from './rate-limit/redis-rate-limiter.ts';

export interface InfrastructureOptions {
  /** redis://… selects the Redis twins (many processes); without it everything stays in this process and the db. */
  redisUrl?: string;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Prefix of every Redis key and channel (default `lingxi`), so installations can share a Redis. */
  keyPrefix?: string;
  jobs?: { concurrency?: number; pollIntervalMs?: number; visibilityTimeoutMs?: number };
  /** How long finished jobs (and their jobKeys) are kept before pruning (default 7 days). */
  jobRetentionMs?: number;
}

const DAY = 24 * 3_600_000;
/** The built-in job that keeps the database queue's table from growing for ever. */
export const PRUNE_JOBS = 'platform.prune-jobs';

/** The infrastructure ports. Roles decide what runs: the worker role calls jobs.start(), cron scheduler.start(). */
export interface Infrastructure {
  mode: 'local' | 'redis';
  bus: Bus;
  jobs: JobQueue;
  scheduler: Scheduler;
  cache: Cache;
  lock: Lock;
  rateLimiter: RateLimiter;
  /** Stops the scheduler and workers (waiting for running jobs), closes the bus and Redis connections. */
  close(): Promise<void>;
}

export async function createInfrastructure(options: InfrastructureOptions): Promise<Infrastructure> {
  return options.redisUrl ? createRedisInfrastructure(options, options.redisUrl) : createLocalInfrastructure(options);
}

function createLocalInfrastructure(options: InfrastructureOptions): Infrastructure {
  const { db, clock, logger } = options;
  const bus = new LocalBus({ logger });
  const jobs = new DbJobQueue({ db, clock, logger, ...options.jobs });
  const scheduler = new Scheduler({ jobs, clock, logger });
  const retentionMs = options.jobRetentionMs ?? 7 * DAY;
  jobs.handle(PRUNE_JOBS, async () => {
    const pruned = await jobs.prune(retentionMs);
    logger.info({ pruned }, 'finished jobs pruned');
  });
  scheduler.add({ name: PRUNE_JOBS, cron: '17 3 * * *', job: PRUNE_JOBS });
  return {
    mode: 'local',
    bus,
    jobs,
    scheduler,
    cache: new MemoryCache({ clock }),
    lock: new LocalLock({ clock }),
    rateLimiter: new MemoryRateLimiter({ clock }),
    async close() {
      await scheduler.stop();
      await jobs.close();
      await bus.close();
    },
  };
}

async function createRedisInfrastructure(options: InfrastructureOptions, url: string): Promise<Infrastructure> {
  const { clock, logger } = options;
  const prefix = options.keyPrefix ?? 'lingxi';
  const redis = await connect(url, {}, logger);
  // BullMQ's blocking commands must wait for ever, so it gets its own connection without a per-request retry limit.
  const bullConnection = await connect(url, { maxRetriesPerRequest: null }, logger).catch(async (error: unknown) => {
    redis.disconnect();
    throw error;
  });
  const bus = new RedisBus({ redis, logger, prefix: `${prefix}:bus:` });
  const jobs = new BullJobQueue({
    connection: bullConnection,
    clock,
    logger,
    prefix: `${prefix}:jobs`,
    keepFinishedMs: options.jobRetentionMs ?? 7 * DAY,
    ...options.jobs,
  });
  const scheduler = new Scheduler({ jobs, clock, logger });
  return {
    mode: 'redis',
    bus,
    jobs,
    scheduler,
    cache: new RedisCache({ redis, prefix: `${prefix}:cache:` }),
    lock: new RedisLock({ redis, prefix: `${prefix}:lock:` }),
    rateLimiter: new RedisRateLimiter({ redis, clock, prefix: `${prefix}:rate:` }),
    async close() {
      await scheduler.stop();
      await jobs.close();
      await bus.close();
      await Promise.all([redis, bullConnection].map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}

/** Connects before returning, so a wrong URL fails at start-up with a clear message rather than on first use. */
async function connect(url: string, extra: { maxRetriesPerRequest?: number | null }, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 5_000, ...extra });
  redis.on('error', (error: Error) => logger.warn({ err: error }, 'redis connection error'));
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot connect to Redis at ${redactPassword(url)}`, { cause: error });
  }
}

function redactPassword(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
