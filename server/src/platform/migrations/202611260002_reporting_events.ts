import type { Kysely } from 'kysely';
import { makeAppendOnly } from '../db/append-only.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reporting_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  // Analytics scans a workspace's events by time and type; a conversation's timeline by conversation.
  await db.schema
    .createIndex('reporting_events_workspace_at')
    .on('reporting_events')
    .columns(['workspace_id', 'at'])
    .execute();
  await db.schema
    .createIndex('reporting_events_conversation')
    .on('reporting_events')
    .columns(['conversation_id'])
    .execute();

  // Append-only, enforced by the database so that not even a bug of ours rewrites history.
  await makeAppendOnly(db, 'reporting_events');
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reporting_events').execute();
}
