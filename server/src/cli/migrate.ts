import { mkdirSync } from 'node:fs';
import { loadConfig, sqliteFile } from '../config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';

/** `lingxi migrate`: applies pending migrations to the configured database and prints what ran. */
export async function run(_argv: string[]): Promise<number> {
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ url: config.databaseUrl ?? sqliteFile(config) });
  try {
    const results = await migrateToLatest(database.db);
    for (const r of results) process.stdout.write(`${r.status.padEnd(8)} ${r.migrationName}\n`);
    process.stdout.write(results.length ? `applied ${results.length} migration(s)\n` : 'database is up to date\n');
    return 0;
  } finally {
    await database.close();
  }
}
