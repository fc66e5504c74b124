import type { ColumnType, Insertable, Kysely, Selectable } from 'kysely';
import { type QueryTemplate, queryTemplate } from '../platform/db/query-template.ts';
import type { Tables } from '../platform/db/tables.ts';

/** Conversations waiting for an agent. Routing owns the table; conversations tells it who joins and who leaves. */
export interface QueueEntryTable {
  conversation_id: string;
  workspace_id: string;
  team: string;
  priority: number;
  reason: string;
  enqueued_at: number;
  // The routing profile (migration 202611260401): optional on insert, so a bare hand-off still joins the line.
  channel: ColumnType<string, string | undefined, string>;
  language: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON: skill → minimum level. */
  skills: ColumnType<string, string | undefined, string>;
  level: ColumnType<number, number | undefined, number>;
  value_tier: ColumnType<string, string | undefined, string>;
  complexity: ColumnType<number, number | undefined, number>;
  sentiment: ColumnType<number, number | undefined, number>;
  /** Set by a transfer to one agent: only they may take it. */
  reserved_for: ColumnType<string | null, string | null | undefined, string | null>;
  /** The transfer note for whoever takes it next. */
  note: ColumnType<string | null, string | null | undefined, string | null>;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    queue_entries: QueueEntryTable;
  }
}

type Executor = Kysely<Tables>;

/** The profile columns routing ranks and matches on (what a hand-off's facts fill in). */
const PROFILE_COLUMNS = ['channel', 'language', 'skills', 'level', 'value_tier', 'complexity', 'sentiment'] as const;

/**
 * Joins the queue, or updates the place of a conversation already in it (a second hand-off keeps its arrival).
 * With `refreshProfile`, a conversation already waiting also takes the profile columns given in `row`, in the same
 * statement (otherwise they are written on insert only).
 */
export async function upsertQueueEntry(
  db: Executor,
  row: Insertable<QueueEntryTable>,
  options: { refreshProfile?: boolean } = {},
): Promise<void> {
  // The columns given (undefined ones are left out, as Kysely's values() does) and those a conflict updates decide
  // the statement's shape; each shape is built and compiled once (every conversation open runs one).
  let inserted = '';
  let updated = 'team,priority,reason';
  for (const column in row) {
    if (row[column as keyof typeof row] === undefined) continue;
    inserted += inserted === '' ? column : `,${column}`;
    if (options.refreshProfile && PROFILE_SET.has(column)) updated += `,${column}`;
  }
  const key = `${inserted}|${updated}`;
  let upsert = upserts.get(key);
  if (upsert === undefined) {
    upsert = upsertTemplate(inserted.split(','), updated.split(','));
    upserts.set(key, upsert);
  }
  await upsert(db, row as Record<string, unknown>);
}

const PROFILE_SET: ReadonlySet<string> = new Set(PROFILE_COLUMNS);
const upserts = new Map<string, QueryTemplate<Record<string, unknown>, never>>();

function upsertTemplate(inserted: string[], updated: string[]): QueryTemplate<Record<string, unknown>, never> {
  return queryTemplate<Record<string, unknown>, never>((db, p) =>
    db
      .insertInto('queue_entries')
      .values(Object.fromEntries(inserted.map((column) => [column, p(column)])) as Insertable<QueueEntryTable>)
      .onConflict((oc) =>
        oc.column('conversation_id').doUpdateSet(Object.fromEntries(updated.map((column) => [column, p(column)]))),
      ),
  );
}

export async function deleteQueueEntry(db: Executor, workspaceId: string, conversationId: string): Promise<void> {
  await db
    .deleteFrom('queue_entries')
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .execute();
}

export async function findQueueEntry(db: Executor, workspaceId: string, conversationId: string) {
  return (await queueEntryOf(db, { workspaceId, conversationId })).rows[0];
}

// Every conversation open reads its entry before joining: compiled once (see queryTemplate).
const queueEntryOf = queryTemplate<{ workspaceId: string; conversationId: string }, Selectable<QueueEntryTable>>(
  (db, p) =>
    db
      .selectFrom('queue_entries')
      .selectAll()
      .where('workspace_id', '=', p('workspaceId'))
      .where('conversation_id', '=', p('conversationId')),
);

export async function countOnlineAgents(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('agent_presence')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'online')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
