import { type Kysely, sql } from 'kysely';
import { makeAppendOnly } from '../../platform/db/append-only.ts';
import { engineOf } from '../../platform/db/dialect.ts';

// Versions and review events are history: the database itself refuses to rewrite them (makeAppendOnly).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kb_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('parent_id', 'text', (c) => c.references('kb_categories.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('kb_categories_workspace_parent')
    .on('kb_categories')
    .columns(['workspace_id', 'parent_id', 'position'])
    .execute();

  // The article row holds the newest version's content (what editors see) and which version is live (what
  // customers see); the versions table holds every version, immutable.
  await db.schema
    .createTable('kb_articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('live_version', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('alternates', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('answer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category_id', 'text', (c) => c.references('kb_categories.id'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('channels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('effective_from', 'bigint')
    .addColumn('effective_to', 'bigint')
    .addColumn('source', 'text')
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('published_at', 'bigint')
    // One variant per language in a group: a zh article has at most one en twin.
    .addUniqueConstraint('kb_articles_group_language', ['workspace_id', 'group_id', 'language'])
    .execute();
  await db.schema
    .createIndex('kb_articles_workspace_status')
    .on('kb_articles')
    .columns(['workspace_id', 'status', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('kb_articles_workspace_category')
    .on('kb_articles')
    .columns(['workspace_id', 'category_id'])
    .execute();
  // The search registry loads every live article of a workspace at start.
  await db.schema
    .createIndex('kb_articles_live')
    .on('kb_articles')
    .columns(['workspace_id', 'id'])
    .where(sql<boolean>`live_version is not null`)
    .execute();

  await db.schema
    .createTable('kb_article_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('note', 'text')
    .addColumn('diff', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('kb_article_versions_article_version', ['article_id', 'version'])
    .execute();
  await makeAppendOnly(db, 'kb_article_versions');

  await db.schema
    .createTable('kb_review_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('note', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('kb_review_events_article')
    .on('kb_review_events')
    .columns(['article_id', 'at'])
    .execute();
  await makeAppendOnly(db, 'kb_review_events');

  await db.schema
    .createTable('kb_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id'))
    .addColumn('version', 'integer')
    .addColumn('author_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_comments_article').on('kb_comments').columns(['article_id', 'created_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['kb_comments', 'kb_review_events', 'kb_article_versions', 'kb_articles', 'kb_categories']) {
    await db.schema.dropTable(table).execute();
  }
  if (engineOf(db) === 'postgres') {
    for (const table of ['kb_review_events', 'kb_article_versions']) {
      await sql.raw(`drop function if exists ${table}_append_only()`).execute(db);
    }
  }
}
