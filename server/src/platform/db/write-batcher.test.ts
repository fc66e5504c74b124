import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testEngines } from '../../../test/support/engines.ts';
import type { Db } from './database.ts';
import { writeTransaction } from './write-batcher.ts';

async function names(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from wb_items order by n`.execute(db);
  return rows.map((row) => row.name);
}

const insert = (trx: Db, name: string, n: number) =>
  sql`insert into wb_items (name, n) values (${name}, ${n})`.execute(trx);

describe.each(testEngines())('writeTransaction on %s', (engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  async function open(): Promise<Db> {
    database = await openTestDatabase(engine, { migrate: false });
    await sql`create table wb_items (name varchar(40) primary key, n integer not null)`.execute(database.db);
    return database.db;
  }

  it('commits every one of many concurrent bodies and answers each with its own result', async () => {
    const db = await open();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        writeTransaction(db, engine, async (trx) => {
          await insert(trx, `消息-${i}`, i);
          return `ok-${i}`;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => `ok-${i}`));
    expect(await names(db)).toEqual(Array.from({ length: 40 }, (_, i) => `消息-${i}`));
  });

  it('rolls a failing body back alone: its caller gets its error, the others commit', async () => {
    const db = await open();
    const outcomes = await Promise.allSettled([
      writeTransaction(db, engine, (trx) => insert(trx, 'first', 1)),
      writeTransaction(db, engine, async (trx) => {
        await insert(trx, '退款-half-done', 2);
        throw new Error('refund rejected');
      }),
      // A statement error (duplicate key) in a body is rolled back alone too.
      writeTransaction(db, engine, async (trx) => {
        await insert(trx, 'third', 3);
        await insert(trx, 'first', 4);
      }),
      writeTransaction(db, engine, (trx) => insert(trx, 'last', 5)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('refund rejected');
    expect(await names(db)).toEqual(['first', 'last']);
  });

  it('commits bodies queued while a batch is running, in a later batch', async () => {
    const db = await open();
    const later: Array<Promise<unknown>> = [];
    await writeTransaction(db, engine, async (trx) => {
      await insert(trx, 'a', 1);
      later.push(writeTransaction(db, engine, (inner) => insert(inner, 'b', 2)));
    });
    await Promise.all(later);
    expect(await names(db)).toEqual(['a', 'b']);
  });
});

describe('writeTransaction on sqlite (group commit)', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it('runs concurrent bodies in the order they were queued, inside one transaction', async () => {
    database = await openTestDatabase('sqlite', { migrate: false });
    const db = database.db;
    await sql`create table wb_items (name varchar(40) primary key, n integer not null)`.execute(db);
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writeTransaction(db, 'sqlite', async (trx) => {
          // Each body sees the rows of the bodies before it: they share the transaction, in queue order.
          const { rows } = await sql<{ c: number }>`select count(*) as c from wb_items`.execute(trx);
          seen.push(Number(rows[0]?.c));
          await insert(trx, `n${i}`, i);
        }),
      ),
    );
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('answers nobody before the commit: when the commit fails, every body of the batch fails', async () => {
    database = await openTestDatabase('sqlite', { migrate: false });
    const db = database.db;
    await sql`create table wb_parent (id text primary key)`.execute(db);
    await sql`create table wb_child (id text primary key, parent_id text references wb_parent (id) deferrable initially deferred)`.execute(
      db,
    );
    // A deferred foreign key is checked at commit: the second body breaks the commit of the whole batch.
    const outcomes = await Promise.allSettled([
      writeTransaction(db, 'sqlite', (trx) => sql`insert into wb_parent (id) values ('p1')`.execute(trx)),
      writeTransaction(db, 'sqlite', (trx) =>
        sql`insert into wb_child (id, parent_id) values ('c1', 'nobody')`.execute(trx),
      ),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    const { rows } = await sql<{ c: number }>`select count(*) as c from wb_parent`.execute(db);
    expect(Number(rows[0]?.c)).toBe(0);
  });

  it('lets the callers of one batch reply (in the next check phase) before the next batch runs', async () => {
    database = await openTestDatabase('sqlite', { migrate: false });
    const db = database.db;
    await sql`create table wb_items (name varchar(40) primary key, n integer not null)`.execute(db);
    const order: string[] = [];
    let second: Promise<unknown> | undefined;
    const first = writeTransaction(db, 'sqlite', async (trx) => {
      await insert(trx, 'first', 1);
      // Queued while the first batch runs: it commits in the next batch.
      second = writeTransaction(db, 'sqlite', async (inner) => {
        order.push('second batch runs');
        await insert(inner, 'second', 2);
      });
    }).then(() => {
      // What a WebSocket reply does: frames written in this turn leave from an immediate.
      setImmediate(() => order.push('first reply leaves'));
    });
    await first;
    await second;
    expect(order).toEqual(['first reply leaves', 'second batch runs']);
    expect(await names(db)).toEqual(['first', 'second']);
  });
});
