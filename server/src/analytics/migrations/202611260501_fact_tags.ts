import type { Kysely } from 'kysely';

/**
 * The counters a fact contributes, as words (` contained resolved sl_met `), so a drill-down finds "the conversations
 * behind this figure" with one LIKE on either engine instead of dialect-specific JSON queries.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('analytics_facts')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('analytics_facts_agent')
    .on('analytics_facts')
    .columns(['workspace_id', 'agent', 'started_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('analytics_facts_agent').execute();
  await db.schema.alterTable('analytics_facts').dropColumn('tags').execute();
}
