import { z } from 'zod';
import { receiveMessage } from '../../../conversations/commands/receive-message.ts';
import { transitionConversation } from '../../../conversations/commands/transition-conversation.ts';
import { findContact } from '../../../conversations/contact-store.ts';
import { findMessage, listMessages } from '../../../conversations/message-store.ts';
import { findConversation, listConversations } from '../../../conversations/store.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { findUser } from '../../../security/store.ts';
import { signedIn, workspaceOf } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { actorFor, senderFor } from './actor.ts';
import {
  ConversationDetail,
  ConversationParams,
  ConversationSummary,
  ConversationView,
  ListConversationsQuery,
  ListMessagesQuery,
  MessageView,
  presentContact,
  presentConversation,
  presentMessage,
  SendMessageBody,
  TransitionBody,
} from './schema.ts';

const ASSIGNABLE_ROLES = new Set(['admin', 'supervisor', 'agent']);

/** The console's and integrations' view of conversations: list, read, reply, move along the state machine. */
export async function conversationRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;

  app.get(
    '/api/v1/conversations',
    {
      config: { policy: 'conversations.read' },
      schema: {
        tags: ['conversations'],
        querystring: ListConversationsQuery,
        response: { 200: z.object({ conversations: z.array(ConversationSummary) }), ...errorResponses },
      },
    },
    async (request) => {
      const { status, assignee, limit, before } = request.query;
      const principal = signedIn(request);
      let assigneeId: string | null | undefined;
      if (assignee === 'me') {
        if (principal.kind !== 'user') throw new AppError('validation_failed', 'assignee=me needs a signed-in user');
        assigneeId = principal.userId;
      } else if (assignee === 'unassigned') assigneeId = null;
      else assigneeId = assignee;
      const rows = await listConversations(ctx.db, principal.workspaceId, { status, assigneeId, limit, before });
      return {
        conversations: rows.map(({ conversation, contact, lastMessage }) => ({
          id: conversation.id,
          status: conversation.status,
          assigneeId: conversation.assigneeId,
          contact: { id: contact.id, name: contact.name, tier: contact.tier },
          lastMessage,
          lastMessageAt: conversation.lastMessageAt,
          createdAt: conversation.createdAt,
        })),
      };
    },
  );

  app.get(
    '/api/v1/conversations/:conversationId',
    {
      config: { policy: 'conversations.read' },
      schema: {
        tags: ['conversations'],
        params: ConversationParams,
        response: { 200: ConversationDetail, ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      const conversation = await findConversation(ctx.db, workspaceId, request.params.conversationId);
      if (!conversation) throw notFound('Conversation');
      const contact = await findContact(ctx.db, workspaceId, conversation.contactId);
      if (!contact) throw notFound('Contact');
      return { ...presentConversation(conversation), contact: presentContact(contact) };
    },
  );

  app.get(
    '/api/v1/conversations/:conversationId/messages',
    {
      config: { policy: 'conversations.read' },
      schema: {
        tags: ['conversations'],
        params: ConversationParams,
        querystring: ListMessagesQuery,
        response: { 200: z.object({ messages: z.array(MessageView) }), ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      const { conversationId } = request.params;
      const conversation = await findConversation(ctx.db, workspaceId, conversationId);
      if (!conversation) throw notFound('Conversation');
      let afterSeq: number | undefined;
      if (request.query.after) {
        const after = await findMessage(ctx.db, workspaceId, request.query.after);
        if (!after || after.conversationId !== conversationId) throw notFound('Message');
        afterSeq = after.seq;
      }
      const messages = await listMessages(ctx.db, workspaceId, conversationId, {
        afterSeq,
        includePrivate: true,
        limit: request.query.limit,
      });
      return { messages: messages.map(presentMessage) };
    },
  );

  app.post(
    '/api/v1/conversations/:conversationId/messages',
    {
      config: { policy: 'conversations.reply' },
      schema: {
        tags: ['conversations'],
        params: ConversationParams,
        body: SendMessageBody,
        response: { 200: MessageView, 201: MessageView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = signedIn(request);
      const received = await receiveMessage(ctx, {
        workspaceId: principal.workspaceId,
        target: { conversationId: request.params.conversationId },
        sender: senderFor(principal),
        actor: actorFor(principal),
        clientMessageId: request.body.clientMessageId,
        text: request.body.text,
        private: request.body.private,
        takeAsAgent: principal.kind === 'user' ? principal.userId : undefined,
      });
      // A repeated clientMessageId answers 200 with the original: the client learns nothing new was stored.
      return reply.status(received.duplicate ? 200 : 201).send(presentMessage(received.message));
    },
  );

  app.post(
    '/api/v1/conversations/:conversationId/transitions',
    {
      config: { policy: 'conversations.transition' },
      schema: {
        tags: ['conversations'],
        params: ConversationParams,
        body: TransitionBody,
        response: { 200: ConversationView, ...errorResponses },
      },
    },
    async (request) => {
      const principal = signedIn(request);
      let assigneeId = request.body.assigneeId;
      if (request.body.to === 'assigned') {
        // Taking a conversation without naming anyone means "assign it to me".
        if (!assigneeId && principal.kind === 'user') assigneeId = principal.userId;
        if (!assigneeId) throw new AppError('validation_failed', 'assigneeId is required to assign a conversation');
        const user = await findUser(ctx.db, principal.workspaceId, assigneeId);
        if (!user || user.disabled === 1 || !ASSIGNABLE_ROLES.has(user.role)) throw notFound('Assignee');
      } else if (assigneeId) {
        throw new AppError('validation_failed', 'assigneeId is only allowed when assigning');
      }
      const { conversation } = await transitionConversation(ctx, {
        workspaceId: principal.workspaceId,
        conversationId: request.params.conversationId,
        to: request.body.to,
        assigneeId,
        actor: actorFor(principal),
      });
      return presentConversation(conversation);
    },
  );
}
