import type { ServiceContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/dialect.ts';
import { writeTransaction } from '../../platform/db/write-batcher.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { appendReportingEvent } from '../../platform/reporting.ts';
import { CONVERSATION_TOPICS, publishEvent } from '../events.ts';
import { appendMessageCreated } from '../message-created.ts';
import { type MessageSignals, messageSignals } from '../message-signals.ts';
import { findMessageByClientId, insertMessage } from '../message-store.ts';
import { recordTransition } from '../record-transition.ts';
import type { Actor, ConversationRecord, ConversationStatus, MessageRecord, SenderType } from '../schema.ts';
import {
  claimNextSeq,
  type Executor,
  findConversation,
  findOpenConversation,
  insertConversation,
  openingFacts,
} from '../store.ts';

export type MessageTarget =
  /** A known conversation (agents, the API). */
  | { conversationId: string }
  /** The contact's open conversation in an inbox, opened when there is none (customers). */
  | { inboxId: string; contactId: string; knownConversationId?: string };

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
/** The clientMessageId is stored already; the transaction rolls back and the original is returned. */
class Duplicate extends Error {}
/** Staff wrote to a closed conversation: a repeat of an earlier message is still answered, anything new refused. */
class ClosedConversation extends Error {
  constructor(readonly conversation: ConversationRecord) {
    super('conversation is closed');
  }
}

// Each retry follows a race another writer won (a conversation opened or a seq taken): a few are plenty.
const MAX_ATTEMPTS = 5;

/**
 * Stores one message: the message, the conversation's next seq, any status change it causes (a customer reopening a
 * resolved conversation, an agent taking a queued one) and their reporting events commit in one transaction. Only
 * after the commit are the bus events published, and only then may the caller acknowledge the message.
 */
export async function receiveMessage(ctx: ServiceContext, options: ReceiveMessageOptions): Promise<ReceivedMessage> {
  // Read from the text once, outside the transaction: it holds the one SQLite writer.
  const signals = messageSignals(options.text, options.sender.type);
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptReceive(ctx, options, signals);
    } catch (error) {
      const lostRace = isUniqueViolation(error) || error instanceof LostRace;
      if (!lostRace || attempt >= MAX_ATTEMPTS) throw error;
      // Another request stored the same clientMessageId, opened or closed the conversation first: look again.
    }
  }
}

async function attemptReceive(
  ctx: ServiceContext,
  options: ReceiveMessageOptions,
  signals: MessageSignals,
): Promise<ReceivedMessage> {
  const { workspaceId, target } = options;
  const changes: Array<{ from: ConversationStatus | null; to: ConversationStatus }> = [];
  const now = ctx.clock.now();
  let conversationId: string | undefined;
  try {
    // On SQLite, concurrent messages share one commit (each in its own savepoint); the body uses only `trx`.
    const stored = await writeTransaction(ctx.db, ctx.engine, async (trx) => {
      // Fast path: one statement takes the next seq of a conversation we know (or the visitor's remembered one).
      const knownId = 'conversationId' in target ? target.conversationId : target.knownConversationId;
      let conversation = knownId
        ? await claimNextSeq(trx, workspaceId, knownId, now, 'contactId' in target ? target.contactId : undefined)
        : undefined;
      if (!conversation) {
        const opened = await resolveConversation(trx, options, now, signals);
        if (opened.created) changes.push({ from: null, to: opened.conversation.status });
        conversation = await claimNextSeq(trx, workspaceId, opened.conversation.id, now);
        // Closed between our read and this write: the retry opens a new one (customers) or refuses (agents).
        if (!conversation) throw new LostRace('conversation closed meanwhile');
      }
      conversationId = conversation.id;

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
        conversationId: conversation.id,
        seq: conversation.lastSeq,
        senderType: options.sender.type,
        senderId: options.sender.id,
        clientMessageId: options.clientMessageId,
        text: options.text,
        private: options.private === true,
        meta: options.meta ?? {},
        createdAt: now,
      };
      // A repeated clientMessageId: roll everything back (the seq, any status change) and answer with the original.
      if (!(await insertMessage(trx, message))) throw new Duplicate();
      await appendMessageCreated(trx, message, options.actor, signals);
      return { message, conversation };
    });
    for (const change of changes) {
      await publishEvent(ctx, CONVERSATION_TOPICS.conversationUpdated, workspaceId, {
        conversation: stored.conversation,
        change,
      });
    }
    await publishEvent(ctx, CONVERSATION_TOPICS.messageCreated, workspaceId, stored);
    return { message: stored.message, conversation: stored.conversation, duplicate: false };
  } catch (error) {
    if (error instanceof Duplicate && conversationId) return original(ctx.db, workspaceId, conversationId, options);
    if (error instanceof ClosedConversation) {
      const found = await findMessageByClientId(ctx.db, workspaceId, error.conversation.id, options.clientMessageId);
      if (found) return { message: found, conversation: error.conversation, duplicate: true };
      throw new AppError('conflict', 'The conversation is closed', { details: { status: error.conversation.status } });
    }
    throw error;
  }
}

async function original(db: Executor, workspaceId: string, conversationId: string, options: ReceiveMessageOptions) {
  const [message, conversation] = await Promise.all([
    findMessageByClientId(db, workspaceId, conversationId, options.clientMessageId),
    findConversation(db, workspaceId, conversationId),
  ]);
  if (!message || !conversation) throw new LostRace('original message vanished');
  return { message, conversation, duplicate: true };
}

/** The conversation a message goes to when the fast path did not find it open. */
async function resolveConversation(
  trx: Executor,
  options: ReceiveMessageOptions,
  now: number,
  signals: MessageSignals,
): Promise<{ conversation: ConversationRecord; created: boolean }> {
  const { target, workspaceId } = options;
  if ('conversationId' in target) {
    const conversation = await findConversation(trx, workspaceId, target.conversationId);
    if (!conversation) throw notFound('Conversation');
    if (conversation.status === 'closed') throw new ClosedConversation(conversation);
    return { conversation, created: false };
  }
  const open = await findOpenConversation(trx, workspaceId, target.inboxId, target.contactId);
  if (open) return { conversation: open, created: false };
  return { conversation: await openConversation(trx, options, target, now, signals), created: true };
}

/** A unique violation here means another first message opened the conversation; the retry finds it. */
async function openConversation(
  trx: Executor,
  options: ReceiveMessageOptions,
  target: { inboxId: string; contactId: string },
  now: number,
  /** The first message's: reports slice conversations by the language they started in. */
  signals: MessageSignals,
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
  // Reports slice by channel and customer tier as they were when the conversation opened (once per conversation).
  const facts = await openingFacts(trx, options.workspaceId, target.inboxId, target.contactId);
  await appendReportingEvent(trx, {
    workspaceId: options.workspaceId,
    type: 'conversation.opened',
    conversationId: conversation.id,
    actor: options.actor,
    data: {
      status: conversation.status,
      inboxId: target.inboxId,
      contactId: target.contactId,
      ...(facts.channel ? { channel: facts.channel } : {}),
      ...(facts.tier ? { tier: facts.tier } : {}),
      ...(signals.language ? { language: signals.language } : {}),
    },
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
