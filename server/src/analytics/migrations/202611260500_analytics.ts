import type { Kysely } from 'kysely';

// A copy, not an import of sums.ts: a migration describes the schema as it was when written.
const SUM_COLUMNS = [
  'conversations',
  'bot_involved',
  'bot_frt_n',
  'bot_frt_sum',
  'needed_human',
  'human_frt_n',
  'human_frt_sum',
  'handled_n',
  'handle_sum',
  'resolved',
  'resolved_ever',
  'fcr',
  'contained',
  'handed_off',
  'abandoned',
  'sl_known',
  'sl_met',
  'sla_known',
  'sla_met',
  'csat_n',
  'csat_good',
  'nps_n',
  'nps_promoters',
  'nps_detractors',
  'surveys_offered',
  'surveys_answered',
  'sentiment_n',
  'sentiment_delta_milli',
  'reopened',
  'gaps',
  'bot_failed',
  'wait_n',
  'w0',
  'w1',
  'w2',
  'w3',
  'w4',
  'w5',
  'w6',
  'w7',
  'w8',
  'w9',
  'w10',
  'w11',
];

/**
 * Analytics' own tables: the per-conversation fact table and the hour/day rollups it keeps up to date (both derived
 * from reporting_events and rebuildable from it), the ingestion cursor, and the manager's settings — definitions,
 * targets, scorecards, alert rules — with alert history and console notifications.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analytics_facts')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('bot_failure', 'text', (c) => c.notNull())
    .addColumn('definition_version', 'integer', (c) => c.notNull())
    .addColumn('fact', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_facts_pk', ['workspace_id', 'conversation_id'])
    .execute();
  await db.schema
    .createIndex('analytics_facts_started')
    .on('analytics_facts')
    .columns(['workspace_id', 'started_at'])
    .execute();

  let rollups = db.schema
    .createTable('analytics_rollups')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('bucket', 'bigint', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('dim_value', 'text', (c) => c.notNull());
  for (const column of SUM_COLUMNS) rollups = rollups.addColumn(column, 'bigint', (c) => c.notNull().defaultTo(0));
  await rollups
    .addPrimaryKeyConstraint('analytics_rollups_pk', ['workspace_id', 'grain', 'dim', 'bucket', 'dim_value'])
    .execute();
  // One agent's (or channel's …) series over a long range without reading every other value's rows.
  await db.schema
    .createIndex('analytics_rollups_value')
    .on('analytics_rollups')
    .columns(['workspace_id', 'grain', 'dim', 'dim_value', 'bucket'])
    .execute();

  await db.schema
    .createTable('analytics_cursor')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('analytics_definitions')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rebuilt_version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('analytics_markers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('analytics_markers_at').on('analytics_markers').columns(['workspace_id', 'at']).execute();

  await db.schema
    .createTable('analytics_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('analytics_targets_metric', ['workspace_id', 'metric', 'scenario'])
    .execute();

  await db.schema
    .createTable('analytics_scorecards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('weights', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('analytics_scorecards_scenario', ['workspace_id', 'scenario'])
    .execute();

  await db.schema
    .createTable('analytics_alert_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('breach_since', 'bigint')
    .addColumn('breach_version', 'integer')
    .addColumn('last_fired_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('analytics_alert_rules_ws')
    .on('analytics_alert_rules')
    .columns(['workspace_id'])
    .execute();

  await db.schema
    .createTable('analytics_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('slot', 'bigint', (c) => c.notNull())
    .addColumn('fired_at', 'bigint', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('threshold', 'double precision')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('deliveries', 'text', (c) => c.notNull())
    .addUniqueConstraint('analytics_alerts_rule_slot', ['rule_id', 'slot'])
    .execute();
  await db.schema
    .createIndex('analytics_alerts_ws')
    .on('analytics_alerts')
    .columns(['workspace_id', 'fired_at'])
    .execute();

  await db.schema
    .createTable('analytics_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('analytics_notifications_ws')
    .on('analytics_notifications')
    .columns(['workspace_id', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'analytics_notifications',
    'analytics_alerts',
    'analytics_alert_rules',
    'analytics_scorecards',
    'analytics_targets',
    'analytics_markers',
    'analytics_definitions',
    'analytics_cursor',
    'analytics_rollups',
    'analytics_facts',
  ])
    await db.schema.dropTable(table).execute();
}
