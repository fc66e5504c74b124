import type { Kysely } from 'kysely';

/**
 * The dialogue state is saved on every bot turn. Its index on (workspace_id, updated_at) was read by no query, yet
 * every save moved the row in it (updated_at changes each time; on PostgreSQL it also ruled out HOT updates). An
 * index on workspace_id alone, which a save never touches, still serves a workspace's states and the foreign key.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('bot_states_workspace').execute();
  await db.schema.createIndex('bot_states_workspace_id').on('bot_states').column('workspace_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('bot_states_workspace_id').execute();
  await db.schema
    .createIndex('bot_states_workspace')
    .on('bot_states')
    .columns(['workspace_id', 'updated_at'])
    .execute();
}
