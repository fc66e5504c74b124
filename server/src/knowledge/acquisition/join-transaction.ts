import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Tables } from '../../platform/db/tables.ts';

/**
 * A database handle on an open transaction whose `transaction().execute(fn)` runs fn in that same transaction.
 * An import calls the article commands once per row, each of which opens its own transaction; through this handle
 * they all join the import's one transaction, so the whole file lands or nothing does.
 */
export function joinTransaction(trx: Transaction<Tables>): Db {
  const nested = {
    execute: <T>(fn: (t: Transaction<Tables>) => Promise<T>) => fn(trx),
    setIsolationLevel: () => nested,
    setAccessMode: () => nested,
  };
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => nested;
      const value = Reflect.get(target, property, target);
      // Kysely keeps its state in private fields: methods must run with the real object as `this`.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as unknown as Db;
}
