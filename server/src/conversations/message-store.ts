import { toJson } from '../platform/db/dialect.ts';
import { queryTemplate } from '../platform/db/query-template.ts';
import { toMessage } from './rows.ts';
import type { MessageRecord } from './schema.ts';
import { countRows, type Executor, type MessageTable } from './store.ts';

/** Messages: stored once per (conversation, clientMessageId), read in seq order. Every function takes the workspace. */

export async function findMessageByClientId(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  clientMessageId: string,
) {
  const row = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('client_message_id', '=', clientMessageId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row ? toMessage(row) : undefined;
}

export async function findMessage(db: Executor, workspaceId: string, messageId: string) {
  const row = await db
    .selectFrom('messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', messageId)
    .executeTakeFirst();
  return row ? toMessage(row) : undefined;
}

/** False when the conversation already holds this clientMessageId (nothing is written then). */
export async function insertMessage(db: Executor, message: MessageRecord): Promise<boolean> {
  const result = await insertMessageRow(db, {
    id: message.id,
    workspace_id: message.workspaceId,
    conversation_id: message.conversationId,
    seq: message.seq,
    sender_type: message.senderType,
    sender_id: message.senderId,
    client_message_id: message.clientMessageId,
    text: message.text,
    private: message.private ? 1 : 0,
    meta: toJson(message.meta),
    created_at: message.createdAt,
  });
  return Number(result.numAffectedRows ?? 0) > 0;
}

// Every message runs this: compiled once (see queryTemplate).
const insertMessageRow = queryTemplate<MessageTable & Record<string, unknown>, never>((db, p) =>
  db
    .insertInto('messages')
    .values({
      id: p('id'),
      workspace_id: p('workspace_id'),
      conversation_id: p('conversation_id'),
      seq: p('seq'),
      sender_type: p('sender_type'),
      sender_id: p('sender_id'),
      client_message_id: p('client_message_id'),
      text: p('text'),
      private: p('private'),
      meta: p('meta'),
      created_at: p('created_at'),
    })
    .onConflict((oc) => oc.columns(['conversation_id', 'client_message_id']).doNothing()),
);

export interface MessageWindow {
  /** Only messages after this seq (exclusive). */
  afterSeq?: number;
  /** Only messages up to this seq (inclusive). */
  untilSeq?: number;
  /** Internal notes are left out for customers. */
  includePrivate: boolean;
  limit?: number;
}

/** A conversation's messages in seq order, the order everyone sees. */
export async function listMessages(db: Executor, workspaceId: string, conversationId: string, window: MessageWindow) {
  let query = db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('workspace_id', '=', workspaceId);
  if (window.afterSeq !== undefined) query = query.where('seq', '>', window.afterSeq);
  if (window.untilSeq !== undefined) query = query.where('seq', '<=', window.untilSeq);
  if (!window.includePrivate) query = query.where('private', '=', 0);
  const rows = await query
    .orderBy('seq')
    .limit(Math.min(window.limit ?? 500, 1000))
    .execute();
  return rows.map(toMessage);
}

export function countMessages(db: Executor, workspaceId: string) {
  return countRows(db, 'messages', workspaceId);
}
