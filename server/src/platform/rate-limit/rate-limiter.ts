/**
 * Sliding-window rate limits (login attempts, widget messages, API tokens): at most `limit` allowed calls in any
 * `windowMs`. A sliding log rather than fixed windows, so no burst of 2× the limit across a window boundary;
 * refused calls are not counted, so a client that keeps hammering is not locked out longer than the window.
 */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Calls still allowed in the current window after this one. */
  remaining: number;
  /** When refused: how long until one more call would be allowed (0 when allowed). For a Retry-After header. */
  retryAfterMs: number;
}

export interface RateLimiter {
  consume(key: string, rule: RateLimitRule): Promise<RateLimitDecision>;
}

export function assertRule(rule: RateLimitRule): void {
  if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new Error(`rate limit must be a positive integer`);
  if (!Number.isInteger(rule.windowMs) || rule.windowMs < 1) throw new Error(`rate window must be a positive integer`);
}
