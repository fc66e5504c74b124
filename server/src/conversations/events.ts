import type { ServiceContext } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
import type { ConversationRecord, MessageRecord, SenderType } from './schema.ts';

/**
 * What this module tells the others (and the realtime tier) on the bus. Always published after the commit, so a
 * subscriber that reads the database finds what the event announces.
 */
export const CONVERSATION_TOPICS = {
  messageCreated: 'message.created',
  conversationUpdated: 'conversation.updated',
  typing: 'conversation.typing',
} as const;

export interface MessageCreatedPayload {
  message: MessageRecord;
  conversation: ConversationRecord;
}

export interface ConversationUpdatedPayload {
  conversation: ConversationRecord;
  /** The transition that caused the update, when there was one. */
  change: { from: ConversationRecord['status'] | null; to: ConversationRecord['status'] } | null;
}

export interface TypingPayload {
  conversationId: string;
  contactId: string;
  senderType: SenderType;
  senderId: string | null;
}

/**
 * Publishes without failing the caller: the change is committed already, and a bus outage must not turn a saved
 * message into an error the client would retry. Subscribers that need certainty read the database (the realtime
 * tier fills gaps by seq).
 */
export async function publishEvent(
  ctx: Pick<ServiceContext, 'bus' | 'clock' | 'logger'>,
  topic: string,
  workspaceId: string,
  payload: MessageCreatedPayload | ConversationUpdatedPayload | TypingPayload,
): Promise<void> {
  try {
    await ctx.bus.publish(topic, { type: topic, workspaceId, id: newId('evt'), at: ctx.clock.now(), payload });
  } catch (error) {
    ctx.logger.error({ err: error, topic }, 'could not publish event');
  }
}
