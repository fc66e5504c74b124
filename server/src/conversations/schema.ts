import { z } from 'zod';

/** The vocabulary of conversations, shared by commands, the HTTP edge and the realtime gateway. */
export const CONVERSATION_STATUSES = ['bot', 'queued', 'assigned', 'resolved', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const ConversationStatus = z.enum(CONVERSATION_STATUSES);

export const SENDER_TYPES = ['contact', 'agent', 'bot', 'system'] as const;
export type SenderType = (typeof SENDER_TYPES)[number];

export const INBOX_CHANNELS = ['web_widget', 'api'] as const;
export type InboxChannel = (typeof INBOX_CHANNELS)[number];

export const CONTACT_TIERS = ['vip', 'regular', 'new'] as const;
export type ContactTier = (typeof CONTACT_TIERS)[number];

/** Client-chosen idempotency key of a message: short, URL-safe. */
export const ClientMessageId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, "_" and "-"');

/** Who did something, as recorded in reporting events. */
export interface Actor {
  type: 'user' | 'token' | 'visitor' | 'contact' | 'bot' | 'system';
  id: string | null;
}

export interface InboxRecord {
  id: string;
  workspaceId: string;
  name: string;
  channel: InboxChannel;
  createdAt: number;
}

export interface ContactRecord {
  id: string;
  workspaceId: string;
  name: string;
  email: string | null;
  phone: string | null;
  tier: ContactTier;
  attributes: Record<string, unknown>;
  locale: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ConversationRecord {
  id: string;
  workspaceId: string;
  inboxId: string;
  contactId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  team: string | null;
  priority: number;
  language: string | null;
  lastSeq: number;
  lastMessageAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface MessageRecord {
  id: string;
  workspaceId: string;
  conversationId: string;
  /** Position in the conversation (1, 2, 3 …): the order everyone sees. */
  seq: number;
  senderType: SenderType;
  senderId: string | null;
  clientMessageId: string;
  text: string;
  /** Internal note: agents see it, the customer never does. */
  private: boolean;
  meta: Record<string, unknown>;
  createdAt: number;
}
