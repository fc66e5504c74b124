import type { ServiceContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/dialect.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { appendReportingEvent } from '../../platform/reporting.ts';
import { CONVERSATION_TOPICS, publishEvent } from '../events.ts';
import { recordTransition } from '../record-transition.ts';
import type { Actor, ConversationRecord, ConversationStatus, MessageRecord, SenderType } from '../schema.ts';
import {
  claimNextSeq,
  type Executor,
  findConversation,
  findMessageByClientId,
  findOpenConversation,
  insertConversation,
  insertMessage,
} from '../store.ts';

export type MessageTarget =
  /** A known conversation (agents, the API). */
  | { conversationId: string }
  /** The contact's open conversation in an inbox, opened when there is none (customers). */
  | { inboxId: string; contactId: string };

export interface ReceiveMessageOptions {
  workspaceId: string;
  target: MessageTarget;
  sender: { type: SenderType; id: string | null };
  /** Who acts, for reports (a user, an API token, the visitor …). */
  actor: Actor;
  /** The sender's idempotency key: the same key again returns the original message. */
  clientMessageId: string;
  text: string;
  /** An internal note, never shown to the customer. */
  private?: boolean;
  meta?: Record<string, unknown>;
  /** A user replying publicly takes a queued conversation: queued → assigned to them. */
  takeAsAgent?: string;
  /** Status of a conversation the customer opens; until the bot exists, new conversations wait in the queue. */
  openAs?: ConversationStatus;
}

export interface ReceivedMessage {
  message: MessageRecord;
  conversation: ConversationRecord;
  /** True when this clientMessageId was seen before and the original is returned. */
  duplicate: boolean;
}

/** Someone changed the conversation between our read and our write; the transaction rolls back and we retry. */
class LostRace extends Error {}

// Each retry follows a race another writer won (a conversation opened or a seq taken): a few are plenty.
const MAX_ATTEMPTS = 5;

/**
 * Stores one message: the message, the conversation's next seq, any status change it causes (a customer reopening a
 * resolved conversation, an agent taking a queued one) and their reporting events commit in one transaction. Only
 * after the commit are the bus events published, and only then may the caller acknowledge the message.
 */
export async function receiveMessage(ctx: ServiceContext, options: ReceiveMessageOptions): Promise<ReceivedMessage> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptReceive(ctx, options);
    } catch (error) {
      const lostRace = isUniqueViolation(error) || error instanceof LostRace;
      if (!lostRace || attempt >= MAX_ATTEMPTS) throw error;
      // Another request stored the same clientMessageId, opened or closed the conversation first: look again.
    }
  }
}

async function attemptReceive(ctx: ServiceContext, options: ReceiveMessageOptions): Promise<ReceivedMessage> {
  const { workspaceId } = options;
  const known = await locateConversation(ctx.db, options);
  if (known) {
    const original = await findMessageByClientId(ctx.db, workspaceId, known.id, options.clientMessageId);
    if (original) return { message: original, conversation: known, duplicate: true };
    if (known.status === 'closed' && 'conversationId' in options.target) {
      throw new AppError('conflict', 'The conversation is closed', { details: { status: known.status } });
    }
  }

  const changes: Array<{ from: ConversationStatus | null; to: ConversationStatus }> = [];
  const now = ctx.clock.now();
  const stored = await ctx.db.transaction().execute(async (trx) => {
    let conversationId = known && known.status !== 'closed' ? known.id : undefined;
    if (!conversationId) {
      if (!('inboxId' in options.target)) throw new AppError('conflict', 'The conversation is closed');
      const opened = await openConversation(trx, options, options.target, now);
      changes.push({ from: null, to: opened.status });
      conversationId = opened.id;
    }
    let conversation = await claimNextSeq(trx, workspaceId, conversationId, now);
    // Closed between our read and this write: the retry opens a new one (customers) or refuses (agents).
    if (!conversation) throw new LostRace('conversation closed meanwhile');

    const reaction = statusReaction(conversation, options);
    if (reaction) {
      const moved = await recordTransition(trx, ctx.clock, conversation, { ...reaction, actor: options.actor });
      if (!moved) throw new LostRace('conversation changed meanwhile');
      if (moved.changed) changes.push({ from: conversation.status, to: moved.conversation.status });
      conversation = moved.conversation;
    }

    const message: MessageRecord = {
      id: newId('msg'),
      workspaceId,
      conversationId,
      seq: conversation.lastSeq,
      senderType: options.sender.type,
      senderId: options.sender.id,
      clientMessageId: options.clientMessageId,
      text: options.text,
      private: options.private === true,
      meta: options.meta ?? {},
      createdAt: now,
    };
    await insertMessage(trx, message);
    await appendReportingEvent(trx, {
      workspaceId,
      type: 'message.created',
      conversationId,
      actor: options.actor,
      data: {
        messageId: message.id,
        seq: message.seq,
        senderType: message.senderType,
        private: message.private,
        chars: message.text.length,
      },
      at: now,
    });
    return { message, conversation };
  });

  for (const change of changes) {
    await publishEvent(ctx, CONVERSATION_TOPICS.conversationUpdated, workspaceId, {
      conversation: stored.conversation,
      change,
    });
  }
  await publishEvent(ctx, CONVERSATION_TOPICS.messageCreated, workspaceId, stored);
  return { ...stored, duplicate: false };
}

async function locateConversation(db: Executor, options: ReceiveMessageOptions) {
  const { target, workspaceId } = options;
  if ('conversationId' in target) {
    const conversation = await findConversation(db, workspaceId, target.conversationId);
    if (!conversation) throw notFound('Conversation');
    return conversation;
  }
  return findOpenConversation(db, workspaceId, target.inboxId, target.contactId);
}

/** A unique violation here means another first message opened the conversation; the retry finds it. */
async function openConversation(
  trx: Executor,
  options: ReceiveMessageOptions,
  target: { inboxId: string; contactId: string },
  now: number,
) {
  const conversation = await insertConversation(trx, {
    id: newId('conv'),
    workspace_id: options.workspaceId,
    inbox_id: target.inboxId,
    contact_id: target.contactId,
    status: options.openAs ?? 'queued',
    assignee_id: null,
    team: null,
    priority: 0,
    language: null,
    last_seq: 0,
    last_message_at: null,
    created_at: now,
    updated_at: now,
  });
  await appendReportingEvent(trx, {
    workspaceId: options.workspaceId,
    type: 'conversation.opened',
    conversationId: conversation.id,
    actor: options.actor,
    data: { status: conversation.status, inboxId: target.inboxId, contactId: target.contactId },
    at: now,
  });
  return conversation;
}

/** The status change a message causes, if any. Internal notes never change anything. */
function statusReaction(conversation: ConversationRecord, options: ReceiveMessageOptions) {
  if (options.private) return undefined;
  if (options.sender.type === 'contact' && conversation.status === 'resolved') {
    return { to: 'queued' as const, reason: 'customer_wrote' };
  }
  if (options.takeAsAgent && conversation.status === 'queued') {
    return { to: 'assigned' as const, assigneeId: options.takeAsAgent, reason: 'agent_replied' };
  }
  return undefined;
}
