/**
 * A cache of JSON values with a time to live. Values go through JSON in both adapters, so a caller can never
 * mutate a cached object by accident, and what works in memory works on Redis. `undefined` is stored as null.
 */
export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Returns the cached value, or loads, stores and returns it. Concurrent misses may each load (no stampede lock). */
export async function cached<T>(cache: Cache, key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const hit = await cache.get<T>(key);
  if (hit !== undefined) return hit;
  const value = await load();
  await cache.set(key, value, ttlMs);
  return value;
}

export function assertTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new Error(`cache ttlMs must be a positive integer, got ${ttlMs}`);
}

export function encode(value: unknown): string {
  return JSON.stringify(value ?? null);
}
