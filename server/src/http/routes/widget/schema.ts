import { z } from 'zod';
import { ClientMessageId, CONVERSATION_STATUSES, type ConversationRecord } from '../../../conversations/schema.ts';
import { MessageText } from '../../schemas.ts';
import { MessageView } from '../conversations/schema.ts';

export const WidgetSessionBody = z.strictObject({
  workspaceKey: z.string().min(1).max(100),
  visitorSecret: z
    .string()
    .min(16)
    .max(128)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  locale: z.enum(['zh-CN', 'zh-TW', 'zh', 'en', 'en-US', 'en-GB']).optional(),
});

export const WidgetSession = z.object({
  token: z.string(),
  visitorSecret: z.string(),
  contactId: z.string(),
  workspace: z.object({ name: z.string(), locale: z.string() }),
});

/** The customer sees the conversation's state, never who is assigned or internal fields. */
export const WidgetConversationView = z.object({
  id: z.string(),
  status: z.enum(CONVERSATION_STATUSES),
  lastSeq: z.number().int(),
  createdAt: z.number(),
});

export const WidgetConversation = z.object({
  conversation: WidgetConversationView.nullable(),
  messages: z.array(MessageView),
});

export const WidgetMessageBody = z.strictObject({ clientMessageId: ClientMessageId, text: MessageText });

export const WidgetMessageCreated = z.object({ message: MessageView, conversation: WidgetConversationView });

export function presentWidgetConversation(c: ConversationRecord): z.infer<typeof WidgetConversationView> {
  return { id: c.id, status: c.status, lastSeq: c.lastSeq, createdAt: c.createdAt };
}
