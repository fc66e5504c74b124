import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { assertLockTtl, type Lock, type LockLease, type WithLockOptions, withLease } from './lock.ts';

// Compare-and-delete / compare-and-extend: a holder whose lock lapsed and was taken by another must not touch it.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/** Locks across processes: SET NX PX to take, Lua to release and extend only one's own lock. */
export class RedisLock implements Lock {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(options: { redis: Redis; prefix?: string }) {
    this.redis = options.redis;
    this.prefix = options.prefix ?? 'lingxi:lock:';
  }

  async tryAcquire(key: string, ttlMs: number): Promise<LockLease | undefined> {
    assertLockTtl(ttlMs);
    const redisKey = this.prefix + key;
    const token = randomUUID();
    const taken = await this.redis.set(redisKey, token, 'PX', ttlMs, 'NX');
    if (taken !== 'OK') return undefined;
    return {
      key,
      token,
      release: async () => Number(await this.redis.eval(RELEASE, 1, redisKey, token)) === 1,
      extend: async (extra: number) => {
        assertLockTtl(extra);
        return Number(await this.redis.eval(EXTEND, 1, redisKey, token, String(extra))) === 1;
      },
    };
  }

  withLock<T>(key: string, ttlMs: number, fn: (lease: LockLease) => Promise<T>, options?: WithLockOptions): Promise<T> {
    return withLease(this, key, ttlMs, fn, options);
  }
}
