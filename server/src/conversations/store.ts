import { type Kysely, type Selectable, sql } from 'kysely';
import { queryTemplate } from '../platform/db/query-template.ts';
import type { Tables } from '../platform/db/tables.ts';
import { toConversation } from './rows.ts';
import type { ContactTier, ConversationRecord, ConversationStatus, InboxChannel, SenderType } from './schema.ts';

/** The tables this module owns. Every function takes the workspace: a row of another tenant never resolves. */
export interface InboxTable {
  id: string;
  workspace_id: string;
  name: string;
  channel: InboxChannel;
  created_at: number;
}

export interface ContactTable {
  id: string;
  workspace_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  tier: ContactTier;
  attributes: string;
  locale: string | null;
  created_at: number;
  updated_at: number;
}

export interface ContactIdentityTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  inbox_id: string;
  external_id: string;
  created_at: number;
}

export interface ConversationTable {
  id: string;
  workspace_id: string;
  inbox_id: string;
  contact_id: string;
  status: ConversationStatus;
  assignee_id: string | null;
  team: string | null;
  priority: number;
  language: string | null;
  last_seq: number;
  last_message_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface MessageTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  seq: number;
  sender_type: SenderType;
  sender_id: string | null;
  client_message_id: string;
  text: string;
  private: number;
  meta: string;
  created_at: number;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    inboxes: InboxTable;
    contacts: ContactTable;
    contact_identities: ContactIdentityTable;
    conversations: ConversationTable;
    messages: MessageTable;
  }
}

/** A database handle or an open transaction. */
export type Executor = Kysely<Tables>;

export async function countRows(db: Executor, table: 'contacts' | 'conversations' | 'messages', workspaceId: string) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ── conversations ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function findConversation(db: Executor, workspaceId: string, conversationId: string) {
  const row = (await conversationById(db, { workspaceId, conversationId })).rows[0];
  return row ? toConversation(row) : undefined;
}

// Read on every bot turn and many requests: compiled once (see queryTemplate).
const conversationById = queryTemplate<{ workspaceId: string; conversationId: string }, Selectable<ConversationTable>>(
  (db, p) =>
    db
      .selectFrom('conversations')
      .selectAll()
      .where('workspace_id', '=', p('workspaceId'))
      .where('id', '=', p('conversationId')),
);

/**
 * `status <> 'closed'` written into the SQL, not bound: the one-open-conversation index is partial on that condition,
 * and SQLite plans a statement whose bound value decides such an index afresh at every execution (10.5 instead of
 * 0.6 us for the open-conversation look-up).
 */
const NOT_CLOSED = sql.lit<ConversationStatus>('closed');

/** The contact's conversation in an inbox that is not closed yet (at most one: a partial unique index says so). */
export async function findOpenConversation(db: Executor, workspaceId: string, inboxId: string, contactId: string) {
  const row = (await openConversationOf(db, { workspaceId, inboxId, contactId })).rows[0];
  return row ? toConversation(row) : undefined;
}

// A customer's first message runs this and the insert below inside the write batch: compiled once (queryTemplate).
const openConversationOf = queryTemplate<
  { workspaceId: string; inboxId: string; contactId: string },
  Selectable<ConversationTable>
>((db, p) =>
  db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', p('workspaceId'))
    .where('inbox_id', '=', p('inboxId'))
    .where('contact_id', '=', p('contactId'))
    .where('status', '<>', NOT_CLOSED),
);

export async function insertConversation(db: Executor, row: ConversationTable) {
  await insertConversationRow(db, row as ConversationTable & Record<string, unknown>);
  return toConversation(row);
}

const insertConversationRow = queryTemplate<ConversationTable & Record<string, unknown>, never>((db, p) =>
  db.insertInto('conversations').values({
    id: p('id'),
    workspace_id: p('workspace_id'),
    inbox_id: p('inbox_id'),
    contact_id: p('contact_id'),
    status: p('status'),
    assignee_id: p('assignee_id'),
    team: p('team'),
    priority: p('priority'),
    language: p('language'),
    last_seq: p('last_seq'),
    last_message_at: p('last_message_at'),
    created_at: p('created_at'),
    updated_at: p('updated_at'),
  }),
);

/** What reports slice a new conversation by: its inbox's channel and its customer's tier (compiled once). */
export async function openingFacts(db: Executor, workspaceId: string, inboxId: string, contactId: string) {
  const [inbox, contact] = await Promise.all([
    inboxChannelOf(db, { workspaceId, inboxId }),
    contactTierOf(db, { workspaceId, contactId }),
  ]);
  return { channel: inbox.rows[0]?.channel, tier: contact.rows[0]?.tier };
}

const inboxChannelOf = queryTemplate<{ workspaceId: string; inboxId: string }, { channel: InboxChannel }>((db, p) =>
  db
    .selectFrom('inboxes')
    .select('channel')
    .where('workspace_id', '=', p('workspaceId'))
    .where('id', '=', p('inboxId')),
);

const contactTierOf = queryTemplate<{ workspaceId: string; contactId: string }, { tier: ContactTier }>((db, p) =>
  db
    .selectFrom('contacts')
    .select('tier')
    .where('workspace_id', '=', p('workspaceId'))
    .where('id', '=', p('contactId')),
);

/**
 * Takes the next seq of an open conversation. The update locks the row until commit (PostgreSQL) or runs under the
 * single writer (SQLite), so two messages never share a seq. Undefined when the conversation is closed or unknown.
 */
export async function claimNextSeq(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  now: number,
  /** When given, the conversation must also belong to this contact (a visitor's remembered conversation). */
  contactId?: string,
) {
  // Every message runs this: compiled once (see queryTemplate), one shape with the contact check and one without.
  const { rows } = contactId
    ? await claimNextSeqOfContact(db, { workspaceId, conversationId, now, contactId })
    : await claimNextSeqOfConversation(db, { workspaceId, conversationId, now });
  const row = rows[0];
  return row ? toConversation(row) : undefined;
}

const claimNextSeqOfConversation = queryTemplate<
  { workspaceId: string; conversationId: string; now: number },
  Selectable<ConversationTable>
>((db, p) =>
  db
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_message_at: p('now'), updated_at: p('now') }))
    .where('workspace_id', '=', p('workspaceId'))
    .where('id', '=', p('conversationId'))
    .where('status', '<>', 'closed')
    .returningAll(),
);

const claimNextSeqOfContact = queryTemplate<
  { workspaceId: string; conversationId: string; now: number; contactId: string },
  Selectable<ConversationTable>
>((db, p) =>
  db
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_message_at: p('now'), updated_at: p('now') }))
    .where('workspace_id', '=', p('workspaceId'))
    .where('id', '=', p('conversationId'))
    .where('status', '<>', 'closed')
    .where('contact_id', '=', p('contactId'))
    .returningAll(),
);

/**
 * Compare-and-set of status and assignee: changes the row only if it still is what the caller read. Undefined when
 * someone else changed it first; the caller re-reads and decides again.
 */
export async function updateConversationStatus(
  db: Executor,
  workspaceId: string,
  expected: Pick<ConversationRecord, 'id' | 'status' | 'assigneeId'>,
  next: { status: ConversationStatus; assigneeId: string | null; now: number },
) {
  const row = await db
    .updateTable('conversations')
    .set({ status: next.status, assignee_id: next.assigneeId, updated_at: next.now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', expected.id)
    .where('status', '=', expected.status)
    .where('assignee_id', expected.assigneeId === null ? 'is' : '=', expected.assigneeId)
    .returningAll()
    .executeTakeFirst();
  return row ? toConversation(row) : undefined;
}

export function countConversations(db: Executor, workspaceId: string) {
  return countRows(db, 'conversations', workspaceId);
}

export interface ConversationFilter {
  status?: ConversationStatus;
  /** A user id, or null for unassigned conversations. */
  assigneeId?: string | null;
  /** Cursor: conversations older than this id (ids sort by creation time). */
  before?: string;
  limit?: number;
}

/** Newest first, each with its last message (internal notes included: only staff list conversations). */
export async function listConversations(db: Executor, workspaceId: string, filter: ConversationFilter = {}) {
  let query = db
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .leftJoin('messages as m', (join) => join.onRef('m.conversation_id', '=', 'c.id').onRef('m.seq', '=', 'c.last_seq'))
    .selectAll('c')
    .select([
      'ct.name as contact_name',
      'ct.tier as contact_tier',
      'm.text as last_text',
      'm.sender_type as last_sender_type',
      'm.created_at as last_created_at',
    ])
    .where('c.workspace_id', '=', workspaceId);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.assigneeId !== undefined) {
    query = query.where('c.assignee_id', filter.assigneeId === null ? 'is' : '=', filter.assigneeId);
  }
  if (filter.before) query = query.where('c.id', '<', filter.before);
  const rows = await query
    .orderBy('c.id', 'desc')
    .limit(Math.min(filter.limit ?? 50, 200))
    .execute();
  return rows.map((row) => ({
    conversation: toConversation(row),
    contact: { id: row.contact_id, name: row.contact_name, tier: row.contact_tier },
    lastMessage:
      row.last_text === null || row.last_sender_type === null || row.last_created_at === null
        ? null
        : { text: row.last_text, senderType: row.last_sender_type, createdAt: row.last_created_at },
  }));
}
