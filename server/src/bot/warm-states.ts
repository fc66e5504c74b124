import type { StoredState } from './store.ts';

/**
 * The dialogue states this process saved last, so the next turn of a conversation skips reading and parsing its row.
 * Correct without coordination: a turn saves with compare-and-set on the version it started from, so a state that
 * another process (or a direct write) moved on is caught at the save, and the turn decides again from the database.
 *
 * A turn TAKES its conversation's state out of the cache and puts it back only after saving it: two turns of one
 * conversation can never share (and both mutate) one object; the second one simply reads the row.
 */
const CAPACITY = 20_000;

// Keyed by the database handle, so two servers (or two tests) in one process never see each other's states.
const CACHES = new WeakMap<object, Map<string, StoredState>>();

function cacheOf(db: object): Map<string, StoredState> {
  let cache = CACHES.get(db);
  if (!cache) {
    cache = new Map();
    CACHES.set(db, cache);
  }
  return cache;
}

export function takeState(db: object, conversationId: string): StoredState | undefined {
  const cache = cacheOf(db);
  const stored = cache.get(conversationId);
  if (stored) cache.delete(conversationId);
  return stored;
}

export function keepState(db: object, conversationId: string, stored: StoredState): void {
  const cache = cacheOf(db);
  cache.delete(conversationId);
  // Oldest first out: a Map iterates in insertion order, and a kept state is re-inserted at the end.
  if (cache.size >= CAPACITY) cache.delete(cache.keys().next().value as string);
  cache.set(conversationId, stored);
}
