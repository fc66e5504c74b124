import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestRedis, testRedisUrl } from '../../../test/support/redis.ts';
import { ManualClock } from '../clock.ts';
import { isAppError } from '../errors.ts';
import { LocalLock } from './local-lock.ts';
import type { Lock } from './lock.ts';
import { RedisLock } from './redis-lock.ts';

interface LockFixture {
  /** Several lock clients on one store (several processes, for Redis). */
  clients: Lock[];
  /** Lets `ms` pass for lock expiry. */
  pass(ms: number): Promise<void>;
  dispose(): Promise<void>;
}

const adapters: [string, () => LockFixture][] = [
  [
    'local',
    () => {
      const clock = new ManualClock();
      const lock = new LocalLock({ clock });
      return { clients: [lock, lock], pass: async (ms) => void clock.advance(ms), dispose: async () => {} };
    },
  ],
];
if (testRedisUrl) {
  adapters.push([
    'redis',
    () => {
      const redis = openTestRedis();
      const prefix = `${redis.prefix}lock:`;
      return {
        clients: [new RedisLock({ redis: redis.redis, prefix }), new RedisLock({ redis: redis.connect(), prefix })],
        pass: (ms) => sleep(ms),
        dispose: () => redis.dispose(),
      };
    },
  ]);
}

describe.each(adapters)('Lock contract (%s)', (_name, makeFixture) => {
  let fixture: LockFixture | undefined;
  afterEach(async () => {
    await fixture?.dispose();
    fixture = undefined;
  });

  it('lets one holder at a time take a key, until release or expiry', async () => {
    fixture = makeFixture();
    const [a, b] = fixture.clients as [Lock, Lock];
    const lease = await a.tryAcquire('assign:conv_1', 250);
    expect(lease).toBeDefined();
    expect(await b.tryAcquire('assign:conv_1', 250)).toBeUndefined();
    expect(await b.tryAcquire('assign:conv_2', 250)).toBeDefined();
    expect(await lease!.release()).toBe(true);
    const second = await b.tryAcquire('assign:conv_1', 250);
    expect(second).toBeDefined();
    await fixture.pass(300);
    expect(await a.tryAcquire('assign:conv_1', 250)).toBeDefined();
  });

  it('never lets a lapsed holder release or extend the next holder’s lock', async () => {
    fixture = makeFixture();
    const [a, b] = fixture.clients as [Lock, Lock];
    const stale = await a.tryAcquire('import:知识库', 40);
    await fixture.pass(60);
    const current = await b.tryAcquire('import:知识库', 10_000);
    expect(current).toBeDefined();
    expect(await stale!.release()).toBe(false);
    expect(await stale!.extend(10_000)).toBe(false);
    expect(await a.tryAcquire('import:知识库', 10_000)).toBeUndefined();
    expect(await current!.extend(20_000)).toBe(true);
    expect(await current!.release()).toBe(true);
  });

  it('withLock runs concurrent critical sections one at a time', async () => {
    fixture = makeFixture();
    const clients = fixture.clients;
    let inside = 0;
    let maxInside = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        clients[i % clients.length]!.withLock(
          'queue:vip',
          5_000,
          async () => {
            inside++;
            maxInside = Math.max(maxInside, inside);
            await sleep(2);
            order.push(i);
            inside--;
          },
          { waitMs: 10_000, retryMs: 2 },
        ),
      ),
    );
    expect(maxInside).toBe(1);
    expect(order.sort((x, y) => x - y)).toEqual([...Array(12).keys()]);
  });

  it('withLock gives up with a conflict error, and releases after a throw', async () => {
    fixture = makeFixture();
    const [a, b] = fixture.clients as [Lock, Lock];
    const held = await a.tryAcquire('surge:plan', 10_000);
    const error = await b
      .withLock('surge:plan', 1_000, async () => 'never', { waitMs: 30, retryMs: 5 })
      .catch((e) => e);
    expect(isAppError(error) && error.code === 'conflict').toBe(true);
    await held!.release();
    await expect(
      a.withLock('surge:plan', 1_000, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await b.tryAcquire('surge:plan', 1_000)).toBeDefined();
  });
});
