import { afterEach, describe, expect, it } from 'vitest';
import { openTestRedis, testRedisUrl } from '../../../test/support/redis.ts';
import { ManualClock } from '../clock.ts';
import { MemoryRateLimiter } from './memory-rate-limiter.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { RedisRateLimiter } from './redis-rate-limiter.ts';

interface LimiterFixture {
  clock: ManualClock;
  /** Several limiters on one store (several processes, for Redis). */
  limiters: RateLimiter[];
  dispose(): Promise<void>;
}

const adapters: [string, () => LimiterFixture][] = [
  [
    'memory',
    () => {
      const clock = new ManualClock();
      const limiter = new MemoryRateLimiter({ clock });
      return { clock, limiters: [limiter, limiter], dispose: async () => {} };
    },
  ],
];
if (testRedisUrl) {
  adapters.push([
    'redis',
    () => {
      const clock = new ManualClock();
      const redis = openTestRedis();
      const prefix = `${redis.prefix}rate:`;
      return {
        clock,
        limiters: [
          new RedisRateLimiter({ redis: redis.redis, clock, prefix }),
          new RedisRateLimiter({ redis: redis.connect(), clock, prefix }),
        ],
        dispose: () => redis.dispose(),
      };
    },
  ]);
}

describe.each(adapters)('RateLimiter contract (%s)', (_name, makeFixture) => {
  let fixture: LimiterFixture | undefined;
  afterEach(async () => {
    await fixture?.dispose();
    fixture = undefined;
  });

  it('allows exactly `limit` calls in a window under concurrent calls', async () => {
    fixture = makeFixture();
    const { limiters } = fixture;
    const rule = { limit: 10, windowMs: 60_000 };
    const decisions = await Promise.all(
      Array.from({ length: 50 }, (_, i) => limiters[i % limiters.length]!.consume('login:张伟@example.com', rule)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    expect(
      decisions
        .filter((d) => d.allowed)
        .map((d) => d.remaining)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterMs === 60_000)).toBe(true);
  });

  it('slides: calls free up one by one as they leave the window', async () => {
    fixture = makeFixture();
    const { clock, limiters } = fixture;
    const limiter = limiters[0]!;
    const rule = { limit: 3, windowMs: 1_000 };
    expect((await limiter.consume('widget:vis_1', rule)).allowed).toBe(true); // t = 0
    clock.advance(400);
    expect((await limiter.consume('widget:vis_1', rule)).remaining).toBe(1); // t = 400
    expect((await limiter.consume('widget:vis_1', rule)).remaining).toBe(0);
    clock.advance(100);
    expect(await limiter.consume('widget:vis_1', rule)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 500 });
    clock.advance(500); // t = 1000: the first call has left the window, the other two have not
    expect(await limiter.consume('widget:vis_1', rule)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    expect(await limiter.consume('widget:vis_1', rule)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 400 });
    expect((await limiter.consume('widget:vis_2', rule)).allowed).toBe(true); // keys are independent
  });

  it('rejects nonsense rules', async () => {
    fixture = makeFixture();
    await expect(fixture.limiters[0]!.consume('k', { limit: 0, windowMs: 1_000 })).rejects.toThrow();
    await expect(fixture.limiters[0]!.consume('k', { limit: 1, windowMs: 0.5 })).rejects.toThrow();
  });
});

describe('MemoryRateLimiter bounds', () => {
  it('forgets the least recently used keys beyond maxKeys', async () => {
    const limiter = new MemoryRateLimiter({ clock: new ManualClock(), maxKeys: 100 });
    for (let i = 0; i < 1_000; i++) await limiter.consume(`ip:${i}`, { limit: 5, windowMs: 60_000 });
    expect(limiter.size).toBe(100);
  });
});
