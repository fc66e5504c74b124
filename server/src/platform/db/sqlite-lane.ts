import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from './database.ts';

/**
 * A direct line to the SQLite connection for the write batcher's transactions. On SQLite a fixed-shape statement
 * (a query template) costs about as much in Kysely's executor (connection provider, mutex, promises) as in SQLite
 * itself; inside a transaction the batcher holds the one connection, so nothing can interleave, and the statement
 * may run on the connection directly. Outside such a transaction there is no lane: Kysely's mutex must order the
 * query after the running batch.
 */
export interface SqliteLane {
  prepare(sql: string): BetterSqlite3.Statement;
  /** True while a transaction is open on the connection (the batcher's or any other). */
  readonly inTransaction: boolean;
}

const ROOTS = new WeakMap<Db, SqliteLane>();
const OPEN = new WeakMap<Db, SqliteLane>();

/** Called once by the SQLite adapter for its Kysely instance. */
export function registerSqliteLane(db: Db, lane: SqliteLane): void {
  ROOTS.set(db, lane);
}

/** The lane of a database handle, for the batcher to open on its transactions. */
export function sqliteLaneOf(db: Db): SqliteLane | undefined {
  return ROOTS.get(db);
}

/** Opens the lane on a transaction for the time `body` runs. */
export async function withLane<T>(trx: Db, lane: SqliteLane | undefined, body: () => Promise<T>): Promise<T> {
  if (!lane) return body();
  OPEN.set(trx, lane);
  try {
    return await body();
  } finally {
    OPEN.delete(trx);
  }
}

/** The open lane of a transaction, if it has one. */
export function openLaneOf(db: Db): SqliteLane | undefined {
  return OPEN.get(db);
}
