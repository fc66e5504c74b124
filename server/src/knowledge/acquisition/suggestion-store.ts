import type { Kysely } from 'kysely';
import { fromJson } from '../../platform/db/dialect.ts';
import type { Tables } from '../../platform/db/tables.ts';
import type { KbLanguage } from '../schema.ts';

/** FAQ suggestions mined from agents' answers, waiting for an editor (see migrations/202611260200). */
export interface KbSuggestionTable {
  id: string;
  workspace_id: string;
  origin: 'mined';
  language: KbLanguage;
  question: string;
  alternates: string;
  answer: string;
  frequency: number;
  conversation_ids: string;
  status: SuggestionStatus;
  article_id: string | null;
  decided_by: string | null;
  decided_at: number | null;
  created_at: number;
  updated_at: number;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    kb_suggestions: KbSuggestionTable;
  }
}

type Executor = Kysely<Tables>;
export const SUGGESTION_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export interface SuggestionRecord {
  id: string;
  workspaceId: string;
  origin: 'mined';
  language: KbLanguage;
  question: string;
  alternates: string[];
  /** Plain text of the agents' typical answer. */
  answer: string;
  /** Conversations that asked it. */
  frequency: number;
  conversationIds: string[];
  status: SuggestionStatus;
  /** The draft made when it was accepted. */
  articleId: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export function toSuggestion(row: KbSuggestionTable): SuggestionRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    origin: row.origin,
    language: row.language,
    question: row.question,
    alternates: fromJson<string[]>(row.alternates, []),
    answer: row.answer,
    frequency: row.frequency,
    conversationIds: fromJson<string[]>(row.conversation_ids, []),
    status: row.status,
    articleId: row.article_id,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertSuggestion(db: Executor, row: KbSuggestionTable) {
  await db.insertInto('kb_suggestions').values(row).execute();
  return toSuggestion(row);
}

export async function findSuggestion(db: Executor, workspaceId: string, suggestionId: string) {
  const row = await db
    .selectFrom('kb_suggestions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', suggestionId)
    .executeTakeFirst();
  return row ? toSuggestion(row) : undefined;
}

/** The review queue: most asked first. */
export async function listSuggestions(
  db: Executor,
  workspaceId: string,
  filter: { status?: SuggestionStatus; limit?: number } = {},
) {
  let query = db.selectFrom('kb_suggestions').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.status) query = query.where('status', '=', filter.status);
  const rows = await query
    .orderBy('frequency', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(filter.limit ?? 50, 500))
    .execute();
  return rows.map(toSuggestion);
}

/** Every suggestion's question, for matching newly mined ones against what is queued or was decided. */
export async function listSuggestionQuestions(db: Executor, workspaceId: string) {
  return db
    .selectFrom('kb_suggestions')
    .select(['id', 'question', 'alternates', 'status', 'conversation_ids'])
    .where('workspace_id', '=', workspaceId)
    .execute();
}

export async function updateSuggestion(
  db: Executor,
  workspaceId: string,
  suggestionId: string,
  changes: Partial<KbSuggestionTable>,
  onlyIfStatus?: SuggestionStatus,
) {
  let query = db
    .updateTable('kb_suggestions')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', suggestionId);
  if (onlyIfStatus) query = query.where('status', '=', onlyIfStatus);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
