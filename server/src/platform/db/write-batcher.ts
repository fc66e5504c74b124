import { CompiledQuery } from 'kysely';
import type { Db, Engine } from './database.ts';
import { openLaneOf, sqliteLaneOf, withLane } from './sqlite-lane.ts';

/**
 * Group commit for SQLite. One SQLite connection writes one transaction at a time, and each commit costs far more
 * than the few small statements a message needs; so the transaction bodies that concurrent callers queue during one
 * event-loop turn run one after another inside ONE transaction, each in its own savepoint. A body that throws rolls
 * back to its savepoint alone and its caller gets the error at once; the others commit together, and only after that
 * commit do their callers' promises resolve (so "acknowledge after commit" still holds). Bodies run in the order they
 * were queued. PostgreSQL keeps real concurrent transactions: there `writeTransaction` is a plain transaction.
 *
 * A body must touch the database only through the transaction it is given: the connection is held by the batch, so
 * a query on the outer handle would wait for the batch that waits for it.
 */
export type TransactionBody<T> = (trx: Db) => Promise<T>;

interface Queued {
  body: TransactionBody<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

// Compiled once: building them with the sql tag for every message cost more than SQLite spends running them.
const SAVEPOINT = CompiledQuery.raw('savepoint lingxi_write');
const ROLLBACK_TO = CompiledQuery.raw('rollback to lingxi_write');
const RELEASE = CompiledQuery.raw('release lingxi_write');

/** Runs a savepoint statement on the transaction's SQLite lane when it has one (see sqlite-lane.ts). */
async function control(trx: Db, query: CompiledQuery): Promise<void> {
  const lane = openLaneOf(trx);
  if (lane) lane.prepare(query.sql).run();
  else await trx.executeQuery(query);
}

/**
 * How many bodies one commit carries at most, so a burst does not make one batch's latency unbounded: every caller of
 * a batch waits for its last body. Steady traffic of a few hundred clients makes batches of 10–40; 200 visitors
 * opening conversations at once (each body ~0.3 ms) are answered in four batches, the first after ~20 ms, instead of
 * all after ~60 ms. A commit costs ~0.2 ms, so the extra commits are cheap.
 */
const MAX_BATCH = 64;

class WriteBatcher {
  private queue: Queued[] = [];
  private scheduled = false;
  private running = false;

  constructor(private readonly db: Db) {}

  run<T>(body: TransactionBody<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ body, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running || this.queue.length === 0) return;
    this.scheduled = true;
    // The next check phase: every request read in this turn's I/O has queued its body by then.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.running = true;
    const batch = this.queue.length <= MAX_BATCH ? this.queue : this.queue.slice(0, MAX_BATCH);
    this.queue = this.queue.length <= MAX_BATCH ? [] : this.queue.slice(MAX_BATCH);
    const done: Array<{ item: Queued; value: unknown }> = [];
    try {
      const lane = sqliteLaneOf(this.db);
      await this.db.transaction().execute((trx) =>
        withLane(trx, lane, async () => {
          for (const item of batch) {
            // A lone body needs no savepoint: if it fails, the whole transaction rolls back, which is its own.
            if (batch.length === 1) {
              done.push({ item, value: await item.body(trx) });
              continue;
            }
            await control(trx, SAVEPOINT);
            let value: unknown;
            try {
              value = await item.body(trx);
            } catch (error) {
              item.reject(error);
              // If this fails too, SQLite ended the transaction itself: the batch fails as a whole, below.
              await control(trx, ROLLBACK_TO);
              await control(trx, RELEASE);
              continue;
            }
            await control(trx, RELEASE);
            done.push({ item, value });
          }
        }),
      );
      for (const { item, value } of done) item.resolve(value);
    } catch (error) {
      // Nothing of this batch committed: every body not answered yet gets the error (a settled promise ignores it).
      for (const item of batch) item.reject(error);
    } finally {
      // The callers answered by this commit send their replies from immediates queued just now (sockets write their
      // frames of a turn at its end, see http/ws/connection.ts). Scheduled at once, the next batch would run first and
      // every reply would wait for it; one turn later, the replies leave before it (and it gathers more bodies).
      setImmediate(() => {
        this.running = false;
        this.schedule();
      });
    }
  }
}

const BATCHERS = new WeakMap<Db, WriteBatcher>();

/**
 * Runs `body` in a transaction and resolves with its result after the commit. On SQLite, concurrent callers share
 * one commit (see above); on PostgreSQL each gets its own transaction.
 */
export function writeTransaction<T>(db: Db, engine: Engine, body: TransactionBody<T>): Promise<T> {
  if (engine !== 'sqlite') return db.transaction().execute(body);
  let batcher = BATCHERS.get(db);
  if (!batcher) {
    batcher = new WriteBatcher(db);
    BATCHERS.set(db, batcher);
  }
  return batcher.run(body);
}
