import { z } from 'zod';
import {
  ClientMessageId,
  CONTACT_TIERS,
  CONVERSATION_STATUSES,
  type ContactRecord,
  type ConversationRecord,
  type MessageRecord,
  SENDER_TYPES,
} from '../../../conversations/schema.ts';
import { IdOf, MessageText } from '../../schemas.ts';

/** What leaves the server about conversations; presenters copy fields one by one, never whole records. */
export const MessageView = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number().int(),
  senderType: z.enum(SENDER_TYPES),
  senderId: z.string().nullable(),
  clientMessageId: z.string(),
  text: z.string(),
  private: z.boolean(),
  createdAt: z.number(),
  /** Buttons and cards of a bot message (safe for the customer); the bot's reasons are at …/bot for staff. */
  meta: z
    .object({
      quickReplies: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
      cards: z.array(z.record(z.string(), z.unknown())).optional(),
    })
    .optional(),
});
export type MessageView = z.infer<typeof MessageView>;

export const ContactView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  tier: z.enum(CONTACT_TIERS),
  locale: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  createdAt: z.number(),
});

export const ConversationView = z.object({
  id: z.string(),
  inboxId: z.string(),
  contactId: z.string(),
  status: z.enum(CONVERSATION_STATUSES),
  assigneeId: z.string().nullable(),
  team: z.string().nullable(),
  priority: z.number(),
  language: z.string().nullable(),
  lastSeq: z.number().int(),
  lastMessageAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ConversationView = z.infer<typeof ConversationView>;

export const ConversationDetail = ConversationView.extend({ contact: ContactView });

export const ConversationSummary = z.object({
  id: z.string(),
  status: z.enum(CONVERSATION_STATUSES),
  assigneeId: z.string().nullable(),
  contact: z.object({ id: z.string(), name: z.string(), tier: z.enum(CONTACT_TIERS) }),
  lastMessage: z.object({ text: z.string(), senderType: z.enum(SENDER_TYPES), createdAt: z.number() }).nullable(),
  lastMessageAt: z.number().nullable(),
  createdAt: z.number(),
});

export const ConversationParams = z.strictObject({ conversationId: IdOf('conv') });

export const ListConversationsQuery = z.strictObject({
  status: z.enum(CONVERSATION_STATUSES).optional(),
  assignee: z.union([z.literal('me'), z.literal('unassigned'), IdOf('usr')]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: IdOf('conv').optional(),
});

export const ListMessagesQuery = z.strictObject({
  after: IdOf('msg').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const SendMessageBody = z.strictObject({
  clientMessageId: ClientMessageId,
  text: MessageText,
  private: z.boolean().optional(),
});

export const TransitionBody = z.strictObject({
  to: z.enum(CONVERSATION_STATUSES),
  assigneeId: IdOf('usr').optional(),
});

export function presentMessage(m: MessageRecord): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    senderType: m.senderType,
    senderId: m.senderId,
    clientMessageId: m.clientMessageId,
    text: m.text,
    private: m.private,
    createdAt: m.createdAt,
    ...presentMessageExtras(m.meta),
  };
}

/** Only the customer-facing parts of a message's meta leave the server with it. */
function presentMessageExtras(meta: Record<string, unknown>): Pick<MessageView, 'meta'> {
  const quickReplies = Array.isArray(meta.quickReplies)
    ? (meta.quickReplies as Array<{ label: string; value: string }>)
    : undefined;
  const cards = Array.isArray(meta.cards) ? (meta.cards as Array<Record<string, unknown>>) : undefined;
  if (!quickReplies && !cards) return {};
  return { meta: { ...(quickReplies ? { quickReplies } : {}), ...(cards ? { cards } : {}) } };
}

export function presentConversation(c: ConversationRecord): ConversationView {
  return {
    id: c.id,
    inboxId: c.inboxId,
    contactId: c.contactId,
    status: c.status,
    assigneeId: c.assigneeId,
    team: c.team,
    priority: c.priority,
    language: c.language,
    lastSeq: c.lastSeq,
    lastMessageAt: c.lastMessageAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function presentContact(c: ContactRecord): z.infer<typeof ContactView> {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    tier: c.tier,
    locale: c.locale,
    attributes: c.attributes,
    createdAt: c.createdAt,
  };
}
