import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * Redis for the adapter tests: they run when LINGXI_TEST_REDIS_URL is set (CI sets it). Each test run gets its own
 * key prefix, so parallel runs on one Redis never see each other's keys, and `dispose` deletes what the run wrote.
 */
export const testRedisUrl = process.env.LINGXI_TEST_REDIS_URL;

export interface TestRedis {
  redis: Redis;
  prefix: string;
  url: string;
  /** A further connection (BullMQ needs `maxRetriesPerRequest: null`); closed by dispose. */
  connect(options?: { maxRetriesPerRequest?: number | null }): Redis;
  dispose(): Promise<void>;
}

export function openTestRedis(): TestRedis {
  const url = testRedisUrl;
  if (!url) throw new Error('LINGXI_TEST_REDIS_URL is not set');
  const prefix = `lingxi-test:${randomUUID().slice(0, 8)}:`;
  const connections: Redis[] = [];
  const connect = (options: { maxRetriesPerRequest?: number | null } = {}): Redis => {
    const connection = new Redis(url, { lazyConnect: false, ...options });
    connections.push(connection);
    return connection;
  };
  const redis = connect();
  return {
    redis,
    prefix,
    url,
    connect,
    async dispose() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
