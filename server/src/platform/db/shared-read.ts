/** Per database handle, then per key: the read that the callers of this turn of the event loop will share. */
const pending = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * One read for every caller that asks for the same thing (`key`) in the same turn of the event loop: a burst of
 * work (200 conversations opened at once, each loading its workspace's routing settings) reads once instead of once
 * per caller. The read starts on the next turn, so it sees every change its callers made before asking; a caller who
 * asks once it has started gets the next read. Callers share the result: treat it as read-only.
 */
export function sharedRead<T>(db: object, key: string, read: () => Promise<T>): Promise<T> {
  let open = pending.get(db);
  if (!open) {
    open = new Map();
    pending.set(db, open);
  }
  const batch = open;
  const existing = batch.get(key) as Promise<T> | undefined;
  if (existing) return existing;
  const next = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
    batch.delete(key);
    return read();
  });
  batch.set(key, next);
  return next;
}
