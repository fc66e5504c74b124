import type { Kysely } from 'kysely';
import { fromJson, toJson } from './db/dialect.ts';
import { queryTemplate } from './db/query-template.ts';
import type { Tables } from './db/tables.ts';
import { newId } from './ids.ts';

/**
 * The append-only stream analytics reads: one row for every conversation transition and every message. Platform owns
 * the table so every module can append to it inside its own transaction (the event commits with the change or not at
 * all); analytics only reads it.
 */
export interface ReportingEventTable {
  id: string;
  workspace_id: string;
  type: string;
  conversation_id: string | null;
  actor_type: string;
  actor_id: string | null;
  data: string;
  at: number;
}

declare module './db/tables.ts' {
  interface Tables {
    reporting_events: ReportingEventTable;
  }
}

export interface ReportingEvent {
  workspaceId: string;
  /** Dotted name such as `conversation.transitioned` or `message.created`. */
  type: string;
  conversationId?: string | null;
  actor: { type: string; id: string | null };
  data?: Record<string, unknown>;
  at: number;
}

/** Appends one event. Pass the transaction that makes the change, so the event and the change commit together. */
export async function appendReportingEvent(trx: Kysely<Tables>, event: ReportingEvent): Promise<string> {
  const id = newId('evt');
  await insertEvent(trx, {
    id,
    workspace_id: event.workspaceId,
    type: event.type,
    conversation_id: event.conversationId ?? null,
    actor_type: event.actor.type,
    actor_id: event.actor.id,
    data: toJson(event.data ?? {}),
    at: event.at,
  });
  return id;
}

// Every message appends one event: the statement is built and compiled once (see queryTemplate).
const insertEvent = queryTemplate<ReportingEventTable & Record<string, unknown>, never>((db, p) =>
  db.insertInto('reporting_events').values({
    id: p('id'),
    workspace_id: p('workspace_id'),
    type: p('type'),
    conversation_id: p('conversation_id'),
    actor_type: p('actor_type'),
    actor_id: p('actor_id'),
    data: p('data'),
    at: p('at'),
  }),
);

export interface ReportingFilter {
  type?: string;
  conversationId?: string;
  from?: number;
  to?: number;
  /** Cursor: events after this id (ids sort by time). */
  after?: string;
  limit?: number;
}

/** Reads events in the order they were appended. */
export async function listReportingEvents(db: Kysely<Tables>, workspaceId: string, filter: ReportingFilter = {}) {
  let query = db.selectFrom('reporting_events').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.conversationId) query = query.where('conversation_id', '=', filter.conversationId);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<', filter.to);
  if (filter.after) query = query.where('id', '>', filter.after);
  const rows = await query
    .orderBy('id')
    .limit(Math.min(filter.limit ?? 1000, 10_000))
    .execute();
  return rows.map((row) => ({ ...row, data: fromJson<Record<string, unknown>>(row.data, {}) }));
}
