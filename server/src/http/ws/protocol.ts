import { z } from 'zod';
import { ClientMessageId, type SenderType } from '../../conversations/schema.ts';
import { PRESENCE_STATUSES } from '../../routing/store.ts';
import type { MessageView } from '../routes/conversations/schema.ts';
import { IdOf, MessageText } from '../schemas.ts';

/** Client → server messages. Each is a strict object: unknown fields are refused like in HTTP bodies. */
const RequestId = z.string().min(1).max(64).optional();

export const MessageSend = z.strictObject({
  type: z.literal('message.send'),
  requestId: RequestId,
  /** Required for staff; visitors always write in their open conversation. */
  conversationId: IdOf('conv').optional(),
  clientMessageId: ClientMessageId,
  text: MessageText,
  private: z.boolean().optional(),
});

export const Resume = z.union([
  z.strictObject({
    type: z.literal('resume'),
    requestId: RequestId,
    /** Conversation id → the last message id the client saw there (null: none). */
    conversations: z
      .record(IdOf('conv'), IdOf('msg').nullable())
      .refine((r) => Object.keys(r).length <= 200, 'at most 200 conversations'),
  }),
  z.strictObject({ type: z.literal('resume'), requestId: RequestId, lastSeenMessageId: IdOf('msg').nullable() }),
]);

export const PresenceSet = z.strictObject({
  type: z.literal('presence.set'),
  requestId: RequestId,
  status: z.enum(PRESENCE_STATUSES),
});
export const Typing = z.strictObject({ type: z.literal('typing'), conversationId: IdOf('conv') });
export const Ping = z.strictObject({ type: z.literal('ping'), requestId: RequestId });

/** Server → client messages. */
export type ServerMessage =
  | { type: 'message.created'; conversationId: string; message: MessageView }
  | { type: 'conversation.updated'; conversation: Record<string, unknown> & { id: string } }
  | { type: 'ack'; requestId?: string; clientMessageId: string; message: MessageView }
  | { type: 'typing'; conversationId: string; senderType: SenderType }
  | { type: 'presence'; requestId?: string; status: (typeof PRESENCE_STATUSES)[number] }
  | { type: 'resumed'; requestId?: string }
  | { type: 'error'; requestId?: string; error: { code: string; message: string; details?: unknown } }
  | { type: 'pong'; requestId?: string }
  /** Routing news: assignments, queue and surge changes (staff); surge and queue pings (visitors). */
  | { type: 'routing'; event: string; data: Record<string, unknown> };

/** Close codes (RFC 6455): 1007 for data that is not a JSON object, 1009 for frames over the limit. */
export const CLOSE_INVALID_DATA = 1007;
export const CLOSE_TOO_BIG = 1009;
export const MAX_FRAME_BYTES = 64 * 1024;
