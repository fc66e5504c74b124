import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { type Database, type Engine, openDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';

/**
 * The engines a store test runs on: SQLite always, PostgreSQL when LINGXI_TEST_PG_URL is set (CI sets it).
 * Use with `describe.each(testEngines())('… on %s', (engine) => { … })` and `await openTestDatabase(engine)`.
 */
export function testEngines(): Engine[] {
  return process.env.LINGXI_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase extends Database {
  /** Drops the database (SQLite file or PostgreSQL schema) after closing it. */
  dispose(): Promise<void>;
}

/** A fresh, migrated database: a temporary SQLite file, or a new PostgreSQL schema. */
export async function openTestDatabase(engine: Engine, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (engine === 'postgres') {
    const url = process.env.LINGXI_TEST_PG_URL;
    if (!url) throw new Error('LINGXI_TEST_PG_URL is not set');
    const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const database = await openDatabase({ url, schema, poolSize: 5 });
    const dispose = async () => {
      await database.close();
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    };
    if (options.migrate !== false) {
      // A failing migration must not leave its schema behind in the shared test database.
      await migrateToLatest(database.db).catch(async (error) => {
        await dispose();
        throw error;
      });
    }
    return { ...database, dispose };
  }
  const dir = mkdtempSync(join(tmpdir(), 'lingxi-test-'));
  const database = await openDatabase({ url: join(dir, 'test.db') });
  if (options.migrate !== false) await migrateToLatest(database.db);
  return {
    ...database,
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For module tests that need a fresh world per test: before each test opens a migrated database and builds
 * `open(database)` on it; after each closes that and drops the database. Returns a getter for the current test's value.
 */
export function freshEachTest<T extends { close(): Promise<void> }>(
  engine: Engine,
  open: (database: TestDatabase) => Promise<T>,
): () => T {
  let database: TestDatabase | undefined;
  let value: T | undefined;
  beforeEach(async () => {
    database = await openTestDatabase(engine);
    value = await open(database);
  });
  afterEach(async () => {
    await value?.close();
    await database?.dispose();
    value = undefined;
    database = undefined;
  });
  return () => {
    if (!value) throw new Error('freshEachTest: used outside a test');
    return value;
  };
}
