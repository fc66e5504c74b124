import { identifyVisitor } from '../../../conversations/commands/identify-visitor.ts';
import { receiveAndAnswer } from '../../../conversations/commands/receive-customer-message.ts';
import { listMessages } from '../../../conversations/message-store.ts';
import { findOpenConversation } from '../../../conversations/store.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { findWorkspaceByWidgetKey } from '../../../security/store.ts';
import { signVisitorToken, VISITOR_TOKEN_TTL_MS } from '../../../security/visitor-token.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { presentMessage } from '../conversations/schema.ts';
import {
  presentWidgetConversation,
  WidgetConversation,
  WidgetMessageBody,
  WidgetMessageCreated,
  WidgetSession,
  WidgetSessionBody,
} from './schema.ts';
import { visitorOf } from './visitor.ts';

/** Sessions per address per minute: enough for a household behind one NAT, too few to mint contacts in bulk. */
const SESSION_RULE = { limit: 30, windowMs: 60_000 };
/** The widget shows the latest messages of a long conversation; older ones stay in the console. */
const WIDGET_HISTORY = 500;

/** The customer's side: open a visitor session, read the open conversation, write. */
export async function widgetRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;

  app.post(
    '/api/v1/widget/session',
    {
      config: { policy: 'widget.session' },
      schema: { tags: ['widget'], body: WidgetSessionBody, response: { 200: WidgetSession, ...errorResponses } },
    },
    async (request, reply) => {
      const limiter = deps.infrastructure?.rateLimiter;
      if (limiter) {
        const decision = await limiter.consume(`widget.session:${request.ip}`, SESSION_RULE);
        if (!decision.allowed) {
          reply.header('retry-after', Math.ceil(decision.retryAfterMs / 1000));
          throw new AppError('rate_limited', 'Too many sessions; try again later', {
            details: { retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000) },
          });
        }
      }
      const workspace = await findWorkspaceByWidgetKey(ctx.db, request.body.workspaceKey);
      if (!workspace || workspace.paused_at !== null) throw notFound('Workspace');
      const visitor = await identifyVisitor(ctx, {
        workspaceId: workspace.id,
        visitorSecret: request.body.visitorSecret,
        locale: request.body.locale ?? workspace.default_locale,
      });
      const token = signVisitorToken(ctx.secret, {
        ws: workspace.id,
        inb: visitor.inbox.id,
        ctc: visitor.contact.id,
        vis: newId('vis'),
        exp: ctx.clock.now() + VISITOR_TOKEN_TTL_MS,
      });
      return {
        token,
        visitorSecret: visitor.visitorSecret,
        contactId: visitor.contact.id,
        workspace: { name: workspace.name, locale: workspace.default_locale },
      };
    },
  );

  app.get(
    '/api/v1/widget/conversation',
    {
      config: { policy: 'widget.converse' },
      schema: { tags: ['widget'], response: { 200: WidgetConversation, ...errorResponses } },
    },
    async (request) => {
      const visitor = visitorOf(request.principal);
      const conversation = await findOpenConversation(ctx.db, visitor.workspaceId, visitor.inboxId, visitor.contactId);
      if (!conversation) return { conversation: null, messages: [] };
      const messages = await listMessages(ctx.db, visitor.workspaceId, conversation.id, {
        afterSeq: Math.max(0, conversation.lastSeq - WIDGET_HISTORY),
        includePrivate: false,
        limit: WIDGET_HISTORY,
      });
      return { conversation: presentWidgetConversation(conversation), messages: messages.map(presentMessage) };
    },
  );

  app.post(
    '/api/v1/widget/messages',
    {
      config: { policy: 'widget.converse' },
      schema: {
        tags: ['widget'],
        body: WidgetMessageBody,
        response: { 200: WidgetMessageCreated, 201: WidgetMessageCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const visitor = visitorOf(request.principal);
      const received = await receiveAndAnswer(ctx, {
        workspaceId: visitor.workspaceId,
        target: { inboxId: visitor.inboxId, contactId: visitor.contactId },
        sender: { type: 'contact', id: visitor.contactId },
        actor: { type: 'contact', id: visitor.contactId },
        clientMessageId: request.body.clientMessageId,
        text: request.body.text,
      });
      return reply.status(received.duplicate ? 200 : 201).send({
        message: presentMessage(received.message),
        conversation: presentWidgetConversation(received.conversation),
      });
    },
  );
}
