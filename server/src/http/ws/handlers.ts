import type { z } from 'zod';
import { receiveAndAnswer } from '../../conversations/commands/receive-customer-message.ts';
import { CONVERSATION_TOPICS, publishEvent } from '../../conversations/events.ts';
import { findMessage } from '../../conversations/message-store.ts';
import { findConversation, findOpenConversation } from '../../conversations/store.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { setPresence } from '../../routing/commands/set-presence.ts';
import { actorFor, senderFor } from '../routes/conversations/actor.ts';
import type { Connection } from './connection.ts';
import type { MessageSend, Ping, PresenceSet, Resume, Typing } from './protocol.ts';

export interface HandlerContext {
  ctx: ServiceContext;
  connection: Connection;
}

/** Stores the message, then acknowledges it (after the commit, in the conversation's order). */
export async function handleMessageSend({ ctx, connection }: HandlerContext, message: z.infer<typeof MessageSend>) {
  const principal = connection.principal;
  if (principal.kind === 'visitor' && (message.conversationId || message.private)) {
    throw new AppError(
      'validation_failed',
      'Visitors write in their own conversation, without conversationId or private',
    );
  }
  if (principal.kind !== 'visitor' && !message.conversationId) {
    throw new AppError('validation_failed', 'conversationId is required');
  }
  // The bot (when on) answers after the acknowledgement; its replies arrive as ordinary messages.
  const received = await receiveAndAnswer(ctx, {
    workspaceId: principal.workspaceId,
    target:
      principal.kind === 'visitor'
        ? {
            inboxId: principal.inboxId,
            contactId: principal.contactId,
            knownConversationId: connection.openConversationId,
          }
        : { conversationId: message.conversationId as string },
    sender: senderFor(principal),
    actor: actorFor(principal),
    clientMessageId: message.clientMessageId,
    text: message.text,
    private: message.private,
    takeAsAgent: principal.kind === 'user' ? principal.userId : undefined,
  });
  if (principal.kind === 'visitor') connection.openConversationId = received.conversation.id;
  await connection.acknowledge(received.message, received.duplicate, message.requestId);
}

/** Replays what the client missed while it was away, then it continues live. */
export async function handleResume({ ctx, connection }: HandlerContext, message: z.infer<typeof Resume>) {
  const principal = connection.principal;
  const workspaceId = principal.workspaceId;
  const seenSeq = async (conversationId: string, messageId: string | null) => {
    if (!messageId) return 0;
    const seen = await findMessage(ctx.db, workspaceId, messageId);
    return seen && seen.conversationId === conversationId ? seen.seq : undefined;
  };
  if ('lastSeenMessageId' in message) {
    if (principal.kind !== 'visitor') throw new AppError('validation_failed', 'Staff resume with `conversations`');
    const open = await findOpenConversation(ctx.db, workspaceId, principal.inboxId, principal.contactId);
    if (open) {
      // A message of an older, closed conversation means the client has seen nothing of this one.
      await connection.resume(open.id, (await seenSeq(open.id, message.lastSeenMessageId)) ?? 0);
    }
  } else {
    if (principal.kind === 'visitor')
      throw new AppError('validation_failed', 'Visitors resume with `lastSeenMessageId`');
    for (const [conversationId, lastSeen] of Object.entries(message.conversations)) {
      const conversation = await findConversation(ctx.db, workspaceId, conversationId);
      if (!conversation) throw notFound('Conversation');
      const seq = await seenSeq(conversationId, lastSeen);
      if (seq === undefined) throw notFound('Message');
      await connection.resume(conversationId, seq);
    }
  }
  connection.send({ type: 'resumed', ...(message.requestId ? { requestId: message.requestId } : {}) });
}

export async function handlePresenceSet({ ctx, connection }: HandlerContext, message: z.infer<typeof PresenceSet>) {
  const principal = connection.principal;
  if (principal.kind !== 'user') throw new AppError('forbidden', 'Only console users have a presence');
  const { status } = await setPresence(ctx, {
    workspaceId: principal.workspaceId,
    userId: principal.userId,
    status: message.status,
  });
  connection.send({ type: 'presence', ...(message.requestId ? { requestId: message.requestId } : {}), status });
}

/** Typing notices go to the other side of the conversation; nothing is stored. */
export async function handleTyping({ ctx, connection }: HandlerContext, message: z.infer<typeof Typing>) {
  const principal = connection.principal;
  const conversation = await findConversation(ctx.db, principal.workspaceId, message.conversationId);
  if (!conversation || (principal.kind === 'visitor' && conversation.contactId !== principal.contactId)) {
    throw notFound('Conversation');
  }
  const sender = senderFor(principal);
  await publishEvent(ctx, CONVERSATION_TOPICS.typing, principal.workspaceId, {
    conversationId: conversation.id,
    contactId: conversation.contactId,
    senderType: sender.type,
    senderId: sender.id,
  });
}

export async function handlePing({ connection }: HandlerContext, message: z.infer<typeof Ping>) {
  connection.send({ type: 'pong', ...(message.requestId ? { requestId: message.requestId } : {}) });
}
