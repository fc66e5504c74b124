import { type Kysely, sql } from 'kysely';
import { engineOf } from './dialect.ts';

/**
 * Makes a table append-only in the database itself (triggers refusing UPDATE and DELETE on both engines), so not
 * even a bug of ours can rewrite history: audit trail, reporting events, article versions. For migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function makeAppendOnly(db: Kysely<any>, table: string): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql
      .raw(`create or replace function ${table}_append_only() returns trigger language plpgsql as $$
        begin raise exception '${table} is append-only'; end $$`)
      .execute(db);
    await sql
      .raw(`create trigger ${table}_no_change before update or delete on ${table}
        for each row execute function ${table}_append_only()`)
      .execute(db);
    return;
  }
  for (const op of ['update', 'delete']) {
    await sql
      .raw(`create trigger ${table}_no_${op} before ${op} on ${table}
        begin select raise(abort, '${table} is append-only'); end`)
      .execute(db);
  }
}
