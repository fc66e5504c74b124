import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Migration, type MigrationProvider, type MigrationResult, Migrator, sql } from 'kysely';
import type { Db } from './database.ts';
import { engineOf } from './dialect.ts';

/**
 * Each module keeps its migrations in `server/src/<module>/migrations/`, named `<YYYYMMDDHHmm>_<what>.ts`, so a
 * module owns its tables. The provider gathers them across modules; the timestamp prefix orders them globally.
 */
const SRC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

class ModuleMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const entry of await readdir(SRC_DIR, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const folder = join(SRC_DIR, entry.name, 'migrations');
      const files = await readdir(folder).catch(() => [] as string[]);
      for (const file of files) {
        if (!/^\d{12}_[a-z0-9_]+\.ts$/.test(file)) continue;
        const name = file.replace(/\.ts$/, '');
        if (migrations[name]) throw new Error(`duplicate migration name ${name}`);
        migrations[name] = (await import(pathToFileURL(join(folder, file)).href)) as Migration;
      }
    }
    return migrations;
  }
}

export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one: on a PostgreSQL shared by several
  // schemas (tests, tenants) it then skips creating them in ours and fails. Name the schema we are migrating.
  const schema =
    engineOf(db) === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: new ModuleMigrationProvider(),
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return results ?? [];
    if (attempt >= 3 || !isIntrospectionRace(error)) throw error;
  }
}

/**
 * Kysely checks for its bookkeeping tables by introspecting every schema, and PostgreSQL's introspection query calls
 * pg_get_serial_sequence on each table by name: a table of *another* schema dropped meanwhile (parallel test schemas
 * come and go) fails it with undefined_table before anything of ours ran. Nothing was written, so trying again is safe.
 */
function isIntrospectionRace(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '42P01';
}
