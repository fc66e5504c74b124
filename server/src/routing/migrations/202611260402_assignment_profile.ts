import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  // The waiting profile travels with the holding, so a transfer back to a team keeps tier, skills and sentiment.
  await db.schema
    .alterTable('routing_assignments')
    .addColumn('profile', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('routing_assignments').dropColumn('profile').execute();
}
