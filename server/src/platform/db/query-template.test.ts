import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testEngines } from '../../../test/support/engines.ts';
import type { Db } from './database.ts';
import { queryTemplate } from './query-template.ts';
import { writeTransaction } from './write-batcher.ts';

// A scratch table outside the typed schema: the templates below are typed against it through a cast.
const asAny = (db: Db) =>
  db as unknown as import('kysely').Kysely<{ qt_items: { name: string; n: number; tag: string } }>;

const insertItem = queryTemplate<{ name: string; n: number }, never>(
  (db, p) =>
    asAny(db)
      .insertInto('qt_items')
      .values({ name: p('name'), n: p('n'), tag: '固定' }) as never,
);
const itemsAbove = queryTemplate<{ min: number }, { name: string; n: number; tag: string }>(
  (db, p) => asAny(db).selectFrom('qt_items').selectAll().where('n', '>', p('min')).orderBy('n') as never,
);

describe.each(testEngines())('queryTemplate on %s', (engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it('runs one compiled shape with fresh parameters each time, constants kept, in and out of transactions', async () => {
    database = await openTestDatabase(engine, { migrate: false });
    const db = database.db;
    await sql`create table qt_items (name varchar(40) primary key, n integer not null, tag varchar(10) not null)`.execute(
      db,
    );
    await insertItem(db, { name: '订单', n: 1 });
    await db.transaction().execute(async (trx) => {
      await insertItem(trx, { name: 'refund', n: 2 });
      await insertItem(trx, { name: '发票', n: 3 });
    });
    const { rows } = await itemsAbove(db, { min: 1 });
    expect(rows).toEqual([
      { name: 'refund', n: 2, tag: '固定' },
      { name: '发票', n: 3, tag: '固定' },
    ]);
    expect((await itemsAbove(db, { min: 2 })).rows.map((r) => r.name)).toEqual(['发票']);
    await expect(insertItem(db, { name: '订单', n: 9 })).rejects.toThrow();
  });

  it('inside a write batch sees its own writes, rolls back alone, and never leaks uncommitted rows outside', async () => {
    database = await openTestDatabase(engine, { migrate: false });
    const db = database.db;
    await sql`create table qt_items (name varchar(40) primary key, n integer not null, tag varchar(10) not null)`.execute(
      db,
    );
    const [mine, clash, other] = await Promise.allSettled([
      writeTransaction(db, engine, async (trx) => {
        await insertItem(trx, { name: 'a', n: 1 });
        return (await itemsAbove(trx, { min: 0 })).rows.map((r) => r.name);
      }),
      // The same key again in the same batch: a unique violation that rolls back this body only.
      writeTransaction(db, engine, async (trx) => {
        await insertItem(trx, { name: 'b', n: 2 });
        await insertItem(trx, { name: 'a', n: 3 });
      }),
      writeTransaction(db, engine, async (trx) => insertItem(trx, { name: 'c', n: 4 })),
    ]);
    expect(mine).toEqual({ status: 'fulfilled', value: ['a'] });
    expect(clash.status).toBe('rejected');
    expect(other.status).toBe('fulfilled');
    expect((await itemsAbove(db, { min: 0 })).rows.map((r) => r.name)).toEqual(['a', 'c']);

    // A read on the outer handle, started while a batch runs, sees only what was committed.
    let outside: Promise<string[]> | undefined;
    await expect(
      writeTransaction(db, engine, async (trx) => {
        await insertItem(trx, { name: 'd', n: 5 });
        outside = itemsAbove(db, { min: 0 }).then(({ rows }) => rows.map((r) => r.name));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await outside).toEqual(['a', 'c']);
  });

  it('a read on the outer handle during a plain transaction waits for it and never sees its rolled-back rows', async () => {
    database = await openTestDatabase(engine, { migrate: false });
    const db = database.db;
    await sql`create table qt_items (name varchar(40) primary key, n integer not null, tag varchar(10) not null)`.execute(
      db,
    );
    await insertItem(db, { name: 'kept', n: 1 });
    // Outside any transaction the read answers at once (SQLite runs it on the idle connection).
    expect((await itemsAbove(db, { min: 0 })).rows.map((r) => r.name)).toEqual(['kept']);
    let outside: Promise<string[]> | undefined;
    await expect(
      db.transaction().execute(async (trx) => {
        await insertItem(trx, { name: 'dropped', n: 2 });
        outside = itemsAbove(db, { min: 0 }).then(({ rows }) => rows.map((r) => r.name));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await outside).toEqual(['kept']);
  });
});
