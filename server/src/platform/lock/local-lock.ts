import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { assertLockTtl, type Lock, type LockLease, type WithLockOptions, withLease } from './lock.ts';

interface Holder {
  token: string;
  expiresAt: number;
}

/** Locks within one process (embedded mode). Expired holders are swept on access, so memory follows live locks. */
export class LocalLock implements Lock {
  private readonly holders = new Map<string, Holder>();

  constructor(private readonly options: { clock: Clock }) {}

  async tryAcquire(key: string, ttlMs: number): Promise<LockLease | undefined> {
    assertLockTtl(ttlMs);
    const now = this.options.clock.now();
    const current = this.holders.get(key);
    if (current && current.expiresAt > now) return undefined;
    const token = randomUUID();
    this.holders.set(key, { token, expiresAt: now + ttlMs });
    if (this.holders.size > 1_000) this.sweep(now);
    return {
      key,
      token,
      release: async () => {
        const held = this.holds(key, token);
        if (held) this.holders.delete(key);
        return held;
      },
      extend: async (extra: number) => {
        assertLockTtl(extra);
        const held = this.holds(key, token);
        if (held) this.holders.set(key, { token, expiresAt: this.options.clock.now() + extra });
        return held;
      },
    };
  }

  withLock<T>(key: string, ttlMs: number, fn: (lease: LockLease) => Promise<T>, options?: WithLockOptions): Promise<T> {
    return withLease(this, key, ttlMs, fn, options);
  }

  private holds(key: string, token: string): boolean {
    const current = this.holders.get(key);
    return current?.token === token && current.expiresAt > this.options.clock.now();
  }

  private sweep(now: number): void {
    for (const [key, holder] of this.holders) if (holder.expiresAt <= now) this.holders.delete(key);
  }
}
