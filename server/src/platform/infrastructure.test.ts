import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestDatabase } from '../../test/support/engines.ts';
import { openTestRedis, type TestRedis, testRedisUrl } from '../../test/support/redis.ts';
import { ManualClock, systemClock } from './clock.ts';
import { createInfrastructure, type Infrastructure } from './infrastructure.ts';
import type { DbJobQueue } from './jobs/db-job-queue.ts';
import { openJobsDatabase, silentLogger } from './jobs/job-queue.contract.ts';

const modes: ['local' | 'redis'][] = testRedisUrl ? [['local'], ['redis']] : [['local']];

describe.each(modes)('createInfrastructure (%s)', (mode) => {
  let database: TestDatabase | undefined;
  let redis: TestRedis | undefined;
  let infrastructure: Infrastructure | undefined;
  afterEach(async () => {
    await infrastructure?.close();
    await database?.dispose();
    await redis?.dispose();
    infrastructure = database = redis = undefined;
  });

  it('wires every port to the configured adapters and closes cleanly', async () => {
    database = await openJobsDatabase('sqlite');
    redis = mode === 'redis' ? openTestRedis() : undefined;
    infrastructure = await createInfrastructure({
      redisUrl: redis?.url,
      keyPrefix: redis ? redis.prefix.slice(0, -1) : undefined,
      db: database.db,
      clock: systemClock,
      logger: silentLogger,
      jobs: { pollIntervalMs: 10 },
    });
    expect(infrastructure.mode).toBe(mode);
    const { bus, jobs, cache, lock, rateLimiter } = infrastructure;

    const events: string[] = [];
    bus.subscribe('conversation.*', (event) => {
      events.push(event.type);
    });
    await bus.ready();
    const done: unknown[] = [];
    jobs.handle('kb.reindex', async (payload) => {
      done.push(payload);
    });
    await jobs.start();
    await jobs.enqueue('kb.reindex', { article: '发票' });
    await bus.publish('conversation.assigned', {
      type: 'conversation.assigned',
      workspaceId: 'ws_1',
      id: 'evt_1',
      at: systemClock.now(),
      payload: {},
    });
    await vi.waitFor(() => expect(done).toEqual([{ article: '发票' }]), { timeout: 5_000 });
    await vi.waitFor(() => expect(events).toEqual(['conversation.assigned']));

    await cache.set('greeting', '您好', 1_000);
    expect(await cache.get('greeting')).toBe('您好');
    expect(await lock.withLock('x', 1_000, async () => 'locked')).toBe('locked');
    expect((await rateLimiter.consume('ip:1', { limit: 1, windowMs: 1_000 })).allowed).toBe(true);
    expect((await rateLimiter.consume('ip:1', { limit: 1, windowMs: 1_000 })).allowed).toBe(false);
  });
});

describe.runIf(testRedisUrl)('createInfrastructure across processes (redis)', () => {
  it('carries bus events and rate limits between two instances', async () => {
    const redis = openTestRedis();
    const database = await openJobsDatabase('sqlite');
    const open = () =>
      createInfrastructure({
        redisUrl: redis.url,
        keyPrefix: redis.prefix.slice(0, -1),
        db: database.db,
        clock: systemClock,
        logger: silentLogger,
      });
    const [a, b] = await Promise.all([open(), open()]);
    try {
      const seen: string[] = [];
      b.bus.subscribe('message.created', (event) => {
        seen.push(event.id);
      });
      await b.bus.ready();
      await a.bus.publish('message.created', {
        type: 'message.created',
        workspaceId: 'ws_1',
        id: 'evt_remote',
        at: systemClock.now(),
        payload: { text: '在吗？' },
      });
      await vi.waitFor(() => expect(seen).toEqual(['evt_remote']));
      const rule = { limit: 1, windowMs: 10_000 };
      expect((await a.rateLimiter.consume('ip:9', rule)).allowed).toBe(true);
      expect((await b.rateLimiter.consume('ip:9', rule)).allowed).toBe(false);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await database.dispose();
      await redis.dispose();
    }
  });
});

describe('createInfrastructure pruning', () => {
  it('schedules a daily prune of finished jobs in local mode', async () => {
    const database = await openJobsDatabase('sqlite');
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 3, 16, 30));
    const infrastructure = await createInfrastructure({ db: database.db, clock, logger: silentLogger });
    try {
      const jobs = infrastructure.jobs as DbJobQueue;
      jobs.handle('demo.work', async () => {});
      const { id } = await jobs.enqueue('demo.work', {});
      await jobs.runDue();
      clock.advance(8 * 24 * 3_600_000 + 60_000); // eight days later, at 03:17:30
      expect(await infrastructure.scheduler.tick()).toBe(1);
      expect(await jobs.runDue()).toBe(1);
      expect(await jobs.get(id)).toBeUndefined();
    } finally {
      await infrastructure.close();
      await database.dispose();
    }
  });
});

describe('createInfrastructure with a bad Redis URL', () => {
  it('fails at start-up with the password redacted', async () => {
    const error = await createInfrastructure({
      redisUrl: 'redis://user:s3cret@127.0.0.1:1',
      db: {} as never,
      clock: systemClock,
      logger: silentLogger,
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('cannot connect to Redis at redis://user:***@127.0.0.1:1');
  });
});
