import type { Kysely } from 'kysely';
import { fromJson, toJson } from '../platform/db/dialect.ts';
import type { Tables } from '../platform/db/tables.ts';

export const TICKET_KINDS = ['complaint', 'message', 'callback', 'request'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_STATUSES = ['open', 'pending', 'solved', 'closed'] as const;

export interface TicketTable {
  id: string;
  workspace_id: string;
  kind: (typeof TICKET_KINDS)[number];
  status: (typeof TICKET_STATUSES)[number];
  priority: (typeof TICKET_PRIORITIES)[number];
  subject: string;
  fields: string;
  conversation_id: string | null;
  contact_id: string | null;
  created_at: number;
  updated_at: number;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    tickets: TicketTable;
  }
}

export interface TicketRecord {
  id: string;
  kind: TicketTable['kind'];
  status: TicketTable['status'];
  priority: TicketTable['priority'];
  subject: string;
  fields: Record<string, string>;
  conversationId: string | null;
  contactId: string | null;
  createdAt: number;
}

const toTicket = (r: TicketTable): TicketRecord => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  priority: r.priority,
  subject: r.subject,
  fields: fromJson<Record<string, string>>(r.fields, {}),
  conversationId: r.conversation_id,
  contactId: r.contact_id,
  createdAt: r.created_at,
});

/** Inserts unless a ticket with this id exists; true when this call created it. */
export async function insertTicket(
  db: Kysely<Tables>,
  row: Omit<TicketTable, 'fields'> & { fields: Record<string, string> },
) {
  const result = await db
    .insertInto('tickets')
    .values({ ...row, fields: toJson(row.fields) })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listTickets(
  db: Kysely<Tables>,
  workspaceId: string,
  filter: { status?: string; conversationId?: string; limit?: number } = {},
) {
  let query = db.selectFrom('tickets').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.status) query = query.where('status', '=', filter.status as TicketTable['status']);
  if (filter.conversationId) query = query.where('conversation_id', '=', filter.conversationId);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(Math.min(filter.limit ?? 50, 200))
    .execute();
  return rows.map(toTicket);
}
