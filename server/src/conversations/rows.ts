import type { Selectable } from 'kysely';
import { fromJson } from '../platform/db/dialect.ts';
import type { ContactRecord, ConversationRecord, InboxRecord, MessageRecord } from './schema.ts';
import type { ContactTable, ConversationTable, InboxTable, MessageTable } from './store.ts';

/** Rows (snake_case, flags as integers, JSON as text) to the records the rest of the server works with. */
export const toInbox = (r: Selectable<InboxTable>): InboxRecord => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  channel: r.channel,
  createdAt: r.created_at,
});

export const toContact = (r: Selectable<ContactTable>): ContactRecord => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  tier: r.tier,
  attributes: fromJson<Record<string, unknown>>(r.attributes, {}),
  locale: r.locale,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toConversation = (r: Selectable<ConversationTable>): ConversationRecord => ({
  id: r.id,
  workspaceId: r.workspace_id,
  inboxId: r.inbox_id,
  contactId: r.contact_id,
  status: r.status,
  assigneeId: r.assignee_id,
  team: r.team,
  priority: r.priority,
  language: r.language,
  lastSeq: r.last_seq,
  lastMessageAt: r.last_message_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toMessage = (r: Selectable<MessageTable>): MessageRecord => ({
  id: r.id,
  workspaceId: r.workspace_id,
  conversationId: r.conversation_id,
  seq: r.seq,
  senderType: r.sender_type,
  senderId: r.sender_id,
  clientMessageId: r.client_message_id,
  text: r.text,
  private: r.private === 1,
  meta: r.meta === '{}' ? {} : fromJson<Record<string, unknown>>(r.meta, {}),
  createdAt: r.created_at,
});
