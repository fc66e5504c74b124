import type { Clock } from '../clock.ts';
import { assertTtl, type Cache, encode } from './cache.ts';

interface Entry {
  json: string;
  expiresAt: number;
}

/** The in-process cache: a bounded LRU (Map keeps insertion order; a hit moves the key to the end). */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: Clock;
  private readonly maxEntries: number;

  constructor(options: { clock: Clock; maxEntries?: number }) {
    this.clock = options.clock;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.clock.now()) return undefined;
    this.entries.set(key, entry);
    return JSON.parse(entry.json) as T;
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    assertTtl(ttlMs);
    this.entries.delete(key);
    this.entries.set(key, { json: encode(value), expiresAt: this.clock.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
