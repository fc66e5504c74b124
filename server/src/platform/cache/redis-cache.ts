import type { Redis } from 'ioredis';
import { assertTtl, type Cache, encode } from './cache.ts';

/** The shared cache on Redis; expiry is Redis's own (PX), so all processes agree on it. */
export class RedisCache implements Cache {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(options: { redis: Redis; prefix?: string }) {
    this.redis = options.redis;
    this.prefix = options.prefix ?? 'lingxi:cache:';
  }

  async get<T>(key: string): Promise<T | undefined> {
    const json = await this.redis.get(this.prefix + key);
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    assertTtl(ttlMs);
    await this.redis.set(this.prefix + key, encode(value), 'PX', ttlMs);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
