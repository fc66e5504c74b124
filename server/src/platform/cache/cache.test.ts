import { afterEach, describe, expect, it } from 'vitest';
import { openTestRedis, type TestRedis, testRedisUrl } from '../../../test/support/redis.ts';
import { ManualClock } from '../clock.ts';
import { type Cache, cached } from './cache.ts';
import { MemoryCache } from './memory-cache.ts';
import { RedisCache } from './redis-cache.ts';

interface CacheFixture {
  cache: Cache;
  /** Lets `ms` pass for the cache: the manual clock in memory, real time on Redis (whose expiry is its own). */
  pass(ms: number): Promise<void>;
  dispose(): Promise<void>;
}

const adapters: [string, () => CacheFixture][] = [
  [
    'memory',
    () => {
      const clock = new ManualClock();
      return {
        cache: new MemoryCache({ clock }),
        pass: async (ms) => void clock.advance(ms),
        dispose: async () => {},
      };
    },
  ],
];
if (testRedisUrl) {
  adapters.push([
    'redis',
    () => {
      const redis: TestRedis = openTestRedis();
      return {
        cache: new RedisCache({ redis: redis.redis, prefix: `${redis.prefix}cache:` }),
        pass: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        dispose: () => redis.dispose(),
      };
    },
  ]);
}

describe.each(adapters)('Cache contract (%s)', (_name, makeFixture) => {
  let fixture: CacheFixture | undefined;
  afterEach(async () => {
    await fixture?.dispose();
    fixture = undefined;
  });

  it('stores JSON values until their time to live runs out', async () => {
    fixture = makeFixture();
    const { cache } = fixture;
    await cache.set('kb:answer:退款', { title: '如何申请退款', score: 0.92 }, 250);
    expect(await cache.get('kb:answer:退款')).toEqual({ title: '如何申请退款', score: 0.92 });
    await fixture.pass(300);
    expect(await cache.get('kb:answer:退款')).toBeUndefined();
  });

  it('returns copies, overwrites, and deletes', async () => {
    fixture = makeFixture();
    const { cache } = fixture;
    const value = { tags: ['billing'] };
    await cache.set('k', value, 10_000);
    value.tags.push('mutated after set');
    const first = await cache.get<{ tags: string[] }>('k');
    expect(first).toEqual({ tags: ['billing'] });
    first!.tags.push('mutated after get');
    expect(await cache.get('k')).toEqual({ tags: ['billing'] });
    await cache.set('k', 'refund policy', 10_000);
    expect(await cache.get('k')).toBe('refund policy');
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
    await cache.set('nothing', undefined, 10_000);
    expect(await cache.get('nothing')).toBeNull();
    await expect(cache.set('k', 1, 0)).rejects.toThrow(/ttlMs/);
  });

  it('cached() loads once while the value lives', async () => {
    fixture = makeFixture();
    let loads = 0;
    const load = async () => ({ loads: ++loads });
    expect(await cached(fixture.cache, 'report', 10_000, load)).toEqual({ loads: 1 });
    expect(await cached(fixture.cache, 'report', 10_000, load)).toEqual({ loads: 1 });
  });
});

describe('MemoryCache bounds', () => {
  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = new MemoryCache({ clock: new ManualClock(), maxEntries: 2 });
    await cache.set('a', 1, 1_000);
    await cache.set('b', 2, 1_000);
    await cache.get('a'); // a is now the most recently used
    await cache.set('c', 3, 1_000);
    expect(cache.size).toBe(2);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe(1);
    expect(await cache.get('c')).toBe(3);
  });
});
