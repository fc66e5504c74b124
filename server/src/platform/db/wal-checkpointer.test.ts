import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './database.ts';

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

const autocheckpoint = async (database: Database) =>
  (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db)).rows[0]
    ?.wal_autocheckpoint;

describe('background WAL checkpoints (SQLite)', () => {
  let dir: string | undefined;
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    database = undefined;
    dir = undefined;
  });

  it('leaves a small database to SQLite, then checkpoints a growing log from a worker, off the writer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lingxi-wal-'));
    const file = join(dir, 'wal.db');
    database = await openDatabase({ url: file });
    const { db } = database;
    await sql`create table blobs (id integer primary key, body text not null)`.execute(db);
    // A little writing: the writer keeps SQLite's own automatic checkpoint.
    await sql`insert into blobs (body) values (${'x'.repeat(1000)})`.execute(db);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await autocheckpoint(database)).toBe(1000);

    // About 1.6 MB in the log (a page per row), below the writer's own threshold (1,000 pages): only the worker can
    // copy it into the database file.
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 400; i++) {
        await sql`insert into blobs (body) values (${`${i}`.padEnd(3000, 'y')})`.execute(trx);
      }
    });
    const before = statSync(file).size;
    expect(await until(async () => (await autocheckpoint(database as Database)) === 0, 5000)).toBe(true);
    expect(await until(async () => statSync(file).size >= before + 1_200_000, 5000)).toBe(true);

    // Writing goes on while the worker runs, and every row is there.
    await sql`insert into blobs (body) values ('last')`.execute(db);
    const { rows } = await sql<{ n: number }>`select count(*) as n from blobs`.execute(db);
    expect(rows[0]?.n).toBe(402);
  });

  it('closes with the worker still starting or running, and the data survives a reopen', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lingxi-wal-'));
    const file = join(dir, 'wal.db');
    database = await openDatabase({ url: file });
    await sql`create table blobs (id integer primary key, body text not null)`.execute(database.db);
    for (let i = 0; i < 400; i++) {
      await sql`insert into blobs (body) values (${`${i}`.padEnd(4000, 'z')})`.execute(database.db);
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
    await database.close();
    database = await openDatabase({ url: file });
    const { rows } = await sql<{ n: number }>`select count(*) as n from blobs`.execute(database.db);
    expect(rows[0]?.n).toBe(400);
  });

  it('keeps the process alive until the worker has ended: code after close() runs', () => {
    dir = mkdtempSync(join(tmpdir(), 'lingxi-wal-'));
    const script = join(dir, 'close.mts');
    const database = new URL('./database.ts', import.meta.url).href;
    // The script lives outside the repository: it names its imports by absolute URL.
    const kysely = pathToFileURL(
      join(dirname(createRequire(import.meta.url).resolve('kysely')), '../esm/index.js'),
    ).href;
    writeFileSync(
      script,
      [
        `import { sql } from ${JSON.stringify(kysely)};`,
        `import { openDatabase } from ${JSON.stringify(database)};`,
        `const d = await openDatabase({ url: ${JSON.stringify(join(dir, 'close.db'))} });`,
        "await sql.raw('create table b (x text)').execute(d.db);",
        'await d.db.transaction().execute(async (t) => {',
        '  const insert = sql.raw("insert into b values (\'" + \'y\'.repeat(3000) + "\')");',
        '  for (let i = 0; i < 400; i++) await insert.execute(t);',
        '});',
        "while ((await sql.raw('pragma wal_autocheckpoint').execute(d.db)).rows[0].wal_autocheckpoint !== 0) {",
        '  await new Promise((resolve) => setTimeout(resolve, 50));',
        '}',
        'await d.close();',
        "console.log('closed');",
      ].join('\n'),
    );
    const output = execFileSync(process.execPath, ['--import', 'tsx', script], {
      cwd: new URL('../../../..', import.meta.url).pathname,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(output.trim()).toBe('closed');
  });
});
