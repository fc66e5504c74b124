import { fromJson, toJson } from '../platform/db/dialect.ts';
import { newId } from '../platform/ids.ts';
import type { Executor } from './store.ts';

/** Synonym sets and answer feedback: what the search index learns per workspace beyond the articles. */
export interface SynonymSetTable {
  id: string;
  workspace_id: string;
  terms: string;
  created_by: string | null;
  created_at: number;
}

export interface FeedbackTable {
  id: string;
  workspace_id: string;
  query: string;
  doc_id: string;
  article_id: string;
  resolved: number;
  at: number;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    kb_synonym_sets: SynonymSetTable;
    kb_feedback: FeedbackTable;
  }
}

export interface SynonymSet {
  id: string;
  terms: string[];
  createdAt: number;
}

export async function listSynonymSets(db: Executor, workspaceId: string): Promise<SynonymSet[]> {
  const rows = await db
    .selectFrom('kb_synonym_sets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, terms: fromJson<string[]>(r.terms, []), createdAt: r.created_at }));
}

/** Replaces the workspace's synonym sets as a whole (the console edits them as one list). */
export async function replaceSynonymSets(
  db: Executor,
  workspaceId: string,
  sets: string[][],
  actorId: string | null,
  now: number,
): Promise<SynonymSet[]> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('kb_synonym_sets').where('workspace_id', '=', workspaceId).execute();
    const rows = sets.map((terms) => ({
      id: newId('kbs'),
      workspace_id: workspaceId,
      terms: toJson(terms),
      created_by: actorId,
      created_at: now,
    }));
    if (rows.length) await trx.insertInto('kb_synonym_sets').values(rows).execute();
    return rows.map((r, i) => ({ id: r.id, terms: sets[i] ?? [], createdAt: now }));
  });
}

export async function insertFeedback(db: Executor, row: Omit<FeedbackTable, 'id'>) {
  await db
    .insertInto('kb_feedback')
    .values({ id: newId('kbf'), ...row })
    .execute();
}

/** The newest feedback first, bounded: replayed into a rebuilt index. */
export async function listRecentFeedback(db: Executor, workspaceId: string, limit = 20_000) {
  return db
    .selectFrom('kb_feedback')
    .select(['query', 'doc_id', 'resolved'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * One page of a workspace's live articles (the published version's content), in id order after `afterId`: the index
 * registry reads a workspace in pages so that building a large index neither holds every row at once nor keeps the
 * event loop busy for the whole build.
 */
export async function listLiveArticlePage(db: Executor, workspaceId: string, afterId: string | null, limit: number) {
  let query = db
    .selectFrom('kb_articles as a')
    .innerJoin('kb_article_versions as v', (join) =>
      join.onRef('v.article_id', '=', 'a.id').onRef('v.version', '=', 'a.live_version'),
    )
    .select(['a.id', 'a.kind', 'a.language', 'v.content', 'v.version'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.live_version', 'is not', null)
    .where('a.status', '<>', 'archived');
  if (afterId !== null) query = query.where('a.id', '>', afterId);
  return query.orderBy('a.id').limit(limit).execute();
}
