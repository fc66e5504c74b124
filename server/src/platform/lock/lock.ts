import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors.ts';

/** A held lock. It lapses by itself after its ttl, so a crashed holder never blocks others for ever. */
export interface LockLease {
  key: string;
  /** Random per acquisition: only this lease can release or extend the lock. */
  token: string;
  /** False when the lock had already lapsed (and perhaps been taken by someone else). */
  release(): Promise<boolean>;
  extend(ttlMs: number): Promise<boolean>;
}

export interface WithLockOptions {
  /** How long to keep trying before giving up with a `conflict` error (default 5 s; 0 = one try). */
  waitMs?: number;
  /** Pause between tries (default 25 ms, ± jitter). */
  retryMs?: number;
}

/**
 * Mutual exclusion by key (assign one conversation, run one import). In-process or on Redis. The ttl must exceed
 * the work's duration, or the work must extend its lease; a lapsed lock may be taken by another holder.
 */
export interface Lock {
  tryAcquire(key: string, ttlMs: number): Promise<LockLease | undefined>;
  withLock<T>(key: string, ttlMs: number, fn: (lease: LockLease) => Promise<T>, options?: WithLockOptions): Promise<T>;
}

export function assertLockTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new Error(`lock ttlMs must be a positive integer, got ${ttlMs}`);
}

/** withLock on top of tryAcquire, shared by the adapters: waiting uses real time, whatever clock the lock uses. */
export async function withLease<T>(
  lock: Pick<Lock, 'tryAcquire'>,
  key: string,
  ttlMs: number,
  fn: (lease: LockLease) => Promise<T>,
  options: WithLockOptions = {},
): Promise<T> {
  const waitMs = options.waitMs ?? 5_000;
  const retryMs = options.retryMs ?? 25;
  const deadline = performance.now() + waitMs;
  let lease = await lock.tryAcquire(key, ttlMs);
  while (!lease) {
    if (performance.now() >= deadline) {
      throw new AppError('conflict', 'The resource is busy; try again', { details: { lock: key } });
    }
    await sleep(retryMs * (0.5 + Math.random()));
    lease = await lock.tryAcquire(key, ttlMs);
  }
  try {
    return await fn(lease);
  } finally {
    await lease.release();
  }
}
