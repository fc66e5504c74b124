import type { Kysely } from 'kysely';
import type { Tables } from '../../platform/db/tables.ts';
import type { KbLanguage } from '../schema.ts';

/** Knowledge gaps: clusters of questions the bot could not answer well (see migrations/202611260200). */
export interface KbGapTable {
  id: string;
  workspace_id: string;
  question: string;
  language: KbLanguage;
  status: GapStatus;
  count: number;
  unanswered_count: number;
  first_at: number;
  last_at: number;
}

export interface KbGapQuestionTable {
  id: string;
  workspace_id: string;
  gap_id: string;
  question: string;
  conversation_id: string | null;
  confidence: number | null;
  at: number;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    kb_gaps: KbGapTable;
    kb_gap_questions: KbGapQuestionTable;
  }
}

type Executor = Kysely<Tables>;
export const GAP_STATUSES = ['open', 'dismissed'] as const;
export type GapStatus = (typeof GAP_STATUSES)[number];

/** The open gaps a new question may belong to: the most recently active first, bounded. */
export async function listOpenGapHeads(db: Executor, workspaceId: string, limit = 2_000) {
  return db
    .selectFrom('kb_gaps')
    .select(['id', 'question', 'language'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .orderBy('last_at', 'desc')
    .limit(limit)
    .execute();
}

export async function insertGap(db: Executor, row: KbGapTable) {
  await db.insertInto('kb_gaps').values(row).execute();
}

export async function countGapQuestion(
  db: Executor,
  workspaceId: string,
  gapId: string,
  at: number,
  unanswered: boolean,
) {
  await db
    .updateTable('kb_gaps')
    .set((eb) => ({
      count: eb('count', '+', 1),
      unanswered_count: eb('unanswered_count', '+', unanswered ? 1 : 0),
      last_at: at,
    }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', gapId)
    .execute();
}

export async function insertGapQuestion(db: Executor, row: KbGapQuestionTable) {
  await db.insertInto('kb_gap_questions').values(row).execute();
}

export async function findGap(db: Executor, workspaceId: string, gapId: string) {
  return db
    .selectFrom('kb_gaps')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', gapId)
    .executeTakeFirst();
}

export async function listGapRows(
  db: Executor,
  workspaceId: string,
  filter: { status: GapStatus; limit: number; since?: number },
) {
  let query = db
    .selectFrom('kb_gaps')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', filter.status);
  if (filter.since !== undefined) query = query.where('last_at', '>=', filter.since);
  return query.orderBy('count', 'desc').orderBy('last_at', 'desc').limit(filter.limit).execute();
}

/** Recent questions of some gaps, newest first (for examples and the trend). */
export async function listGapQuestions(db: Executor, workspaceId: string, gapIds: string[], since: number) {
  if (gapIds.length === 0) return [];
  return db
    .selectFrom('kb_gap_questions')
    .select(['gap_id', 'question', 'conversation_id', 'confidence', 'at'])
    .where('workspace_id', '=', workspaceId)
    .where('gap_id', 'in', gapIds)
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function setGapStatus(db: Executor, workspaceId: string, gapId: string, status: GapStatus) {
  const result = await db
    .updateTable('kb_gaps')
    .set({ status })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', gapId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
