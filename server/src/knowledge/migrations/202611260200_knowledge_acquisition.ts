import { type Kysely, sql } from 'kysely';
import { engineOf } from '../../platform/db/dialect.ts';

/**
 * The acquisition side of the knowledge base: uploads being imported, crawl sources with their runs and the pages
 * they saw, suggestions mined from agents' answers, and knowledge gaps with the questions behind them.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  // An upload waits here for the import job (any process of a cluster may run it), and is cleared once read.
  const bytes = engineOf(db) === 'postgres' ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('kb_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('content', bytes)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('skip_bad_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('encoding', 'text')
    .addColumn('total_entries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('problem_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('article_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('error', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('kb_imports_workspace')
    .on('kb_imports')
    .columns(['workspace_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('kb_crawl_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_url', 'text', (c) => c.notNull())
    .addColumn('sitemap_url', 'text')
    .addColumn('max_depth', 'integer', (c) => c.notNull())
    .addColumn('max_pages', 'integer', (c) => c.notNull())
    .addColumn('schedule', 'text')
    .addColumn('category_id', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('next_run_at', 'bigint')
    .addColumn('last_run_id', 'text')
    .addColumn('last_run_at', 'bigint')
    .addColumn('last_run_status', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('kb_crawl_sources_workspace')
    .on('kb_crawl_sources')
    .columns(['workspace_id', 'created_at'])
    .execute();
  // The cron role looks for sources whose next scheduled run has come.
  await db.schema
    .createIndex('kb_crawl_sources_due')
    .on('kb_crawl_sources')
    .columns(['enabled', 'next_run_at'])
    .execute();

  await db.schema
    .createTable('kb_crawl_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('kb_crawl_sources.id').onDelete('cascade'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pages_fetched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pages_new', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pages_changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pages_unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pages_skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('error', 'text')
    .addColumn('queued_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('kb_crawl_runs_source').on('kb_crawl_runs').columns(['source_id', 'queued_at']).execute();

  await db.schema
    .createTable('kb_crawl_pages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('kb_crawl_sources.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text')
    .addColumn('last_run_id', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_changed_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('kb_crawl_pages_source_url', ['source_id', 'url'])
    .execute();

  await db.schema
    .createTable('kb_suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('alternates', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('frequency', 'integer', (c) => c.notNull())
    .addColumn('conversation_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('kb_suggestions_queue')
    .on('kb_suggestions')
    .columns(['workspace_id', 'status', 'frequency'])
    .execute();

  await db.schema
    .createTable('kb_gaps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('unanswered_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('kb_gaps_workspace')
    .on('kb_gaps')
    .columns(['workspace_id', 'status', 'last_at'])
    .execute();

  await db.schema
    .createTable('kb_gap_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('gap_id', 'text', (c) => c.notNull().references('kb_gaps.id').onDelete('cascade'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('confidence', 'double precision')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('kb_gap_questions_gap')
    .on('kb_gap_questions')
    .columns(['workspace_id', 'gap_id', 'at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'kb_gap_questions',
    'kb_gaps',
    'kb_suggestions',
    'kb_crawl_pages',
    'kb_crawl_runs',
    'kb_crawl_sources',
    'kb_imports',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
