import type { Clock } from '../clock.ts';
import { assertRule, type RateLimitDecision, type RateLimiter, type RateLimitRule } from './rate-limiter.ts';

/**
 * In-process sliding log. Memory is bounded twice: a key keeps at most `limit` timestamps, and beyond `maxKeys`
 * the least recently used keys are forgotten (forgetting only ever errs on the side of allowing).
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly logs = new Map<string, number[]>();
  private readonly clock: Clock;
  private readonly maxKeys: number;

  constructor(options: { clock: Clock; maxKeys?: number }) {
    this.clock = options.clock;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  async consume(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
    assertRule(rule);
    const now = this.clock.now();
    const log = this.logs.get(key) ?? [];
    this.logs.delete(key); // re-inserted below: Map order is the LRU order
    const cutoff = now - rule.windowMs;
    let stale = 0;
    while (stale < log.length && (log[stale] as number) <= cutoff) stale++;
    if (stale > 0) log.splice(0, stale);
    if (log.length >= rule.limit) {
      this.remember(key, log);
      return { allowed: false, remaining: 0, retryAfterMs: Math.max(0, (log[0] as number) + rule.windowMs - now) };
    }
    log.push(now);
    this.remember(key, log);
    return { allowed: true, remaining: rule.limit - log.length, retryAfterMs: 0 };
  }

  get size(): number {
    return this.logs.size;
  }

  private remember(key: string, log: number[]): void {
    this.logs.set(key, log);
    while (this.logs.size > this.maxKeys) this.logs.delete(this.logs.keys().next().value as string);
  }
}
