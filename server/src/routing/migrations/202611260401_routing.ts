import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  // How a workspace routes: strategy, priority weights and their parameters, skill rules, level teams.
  await db.schema
    .createTable('routing_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Teams by key ('general', 'vip_desk'), with business hours in their own time zone and holidays.
  await db.schema
    .createTable('routing_teams')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hours', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_teams_pk', ['workspace_id', 'team'])
    .execute();
  // What an agent can do: skills with levels, languages, teams, support level; rotation for round robin.
  await db.schema
    .createTable('routing_agents')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('skills', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('teams', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('last_assigned_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_agents_pk', ['workspace_id', 'user_id'])
    .execute();
  // Capacity and load per agent and channel: the compare-and-set counter that keeps everyone within capacity.
  await db.schema
    .createTable('routing_agent_load')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('load', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_agent_load_pk', ['workspace_id', 'user_id', 'channel'])
    .execute();
  // Who holds each conversation now: one row per conversation (the primary key is the exactly-once guarantee).
  await db.schema
    .createTable('routing_assignments')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull())
    .addColumn('enqueued_at', 'bigint', (c) => c.notNull())
    .addColumn('assigned_at', 'bigint', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('routing_assignments_agent')
    .on('routing_assignments')
    .columns(['workspace_id', 'user_id'])
    .execute();
  // Surge plans (应急预案): a trigger, the actions, and whether it is active now.
  await db.schema
    .createTable('routing_surge_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('team', 'text')
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('activated_at', 'bigint')
    .addColumn('activated_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('routing_surge_plans_ws').on('routing_surge_plans').column('workspace_id').execute();
  // What the queue needs beyond the hand-off's first cut: the profile priority and eligibility are computed from.
  // One column per statement: SQLite adds one column at a time.
  const columns: Array<[string, 'text' | 'integer' | 'real', string | number | null]> = [
    ['channel', 'text', 'web_widget'],
    ['language', 'text', null],
    ['skills', 'text', '{}'],
    ['level', 'integer', 1],
    ['value_tier', 'text', 'regular'],
    ['complexity', 'real', 0.3],
    ['sentiment', 'real', 0],
    ['reserved_for', 'text', null],
    ['note', 'text', null],
  ];
  for (const [name, type, fallback] of columns) {
    await db.schema
      .alterTable('queue_entries')
      .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [
    'note',
    'reserved_for',
    'sentiment',
    'complexity',
    'value_tier',
    'level',
    'skills',
    'language',
    'channel',
  ])
    await db.schema.alterTable('queue_entries').dropColumn(column).execute();
  for (const table of [
    'routing_surge_plans',
    'routing_assignments',
    'routing_agent_load',
    'routing_agents',
    'routing_teams',
    'routing_settings',
  ])
    await db.schema.dropTable(table).execute();
}
