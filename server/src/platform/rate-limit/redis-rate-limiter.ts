import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.ts';
import { assertRule, type RateLimitDecision, type RateLimiter, type RateLimitRule } from './rate-limiter.ts';

// The sliding log as a sorted set, checked and updated in one script so concurrent calls from any number of
// processes can never let more than `limit` through. The time comes from the caller's clock (tests move it).
const CONSUME = `
local key, now, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('zremrangebyscore', key, '-inf', now - window)
local count = redis.call('zcard', key)
if count < limit then
  redis.call('zadd', key, now, member)
  redis.call('pexpire', key, window)
  return {1, limit - count - 1, 0}
end
local oldest = redis.call('zrange', key, 0, 0, 'withscores')
local retry = tonumber(oldest[2]) + window - now
if retry < 0 then retry = 0 end
return {0, 0, retry}
`;

export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  private readonly clock: Clock;
  private readonly prefix: string;

  constructor(options: { redis: Redis; clock: Clock; prefix?: string }) {
    this.redis = options.redis;
    this.clock = options.clock;
    this.prefix = options.prefix ?? 'lingxi:rate:';
  }

  async consume(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
    assertRule(rule);
    const now = this.clock.now();
    const [allowed, remaining, retryAfterMs] = (await this.redis.eval(
      CONSUME,
      1,
      this.prefix + key,
      String(now),
      String(rule.windowMs),
      String(rule.limit),
      `${now}:${randomUUID()}`,
    )) as [number, number, number];
    return { allowed: allowed === 1, remaining, retryAfterMs };
  }
}
