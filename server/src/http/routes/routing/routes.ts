import { z } from 'zod';
import { findOpenConversation } from '../../../conversations/store.ts';
import { AppError } from '../../../platform/errors.ts';
import { findAgentProfile } from '../../../routing/agent-store.ts';
import { findAssignment, listAssignments } from '../../../routing/assignment-store.ts';
import { placeInLine } from '../../../routing/commands/enqueue-conversation.ts';
import { escalateConversation } from '../../../routing/commands/escalate-conversation.ts';
import { pickConversation } from '../../../routing/commands/pick-conversation.ts';
import { reassignConversation } from '../../../routing/commands/reassign-conversation.ts';
import { surgeStatus } from '../../../routing/commands/surge-plans.ts';
import { transferToTeam } from '../../../routing/commands/transfer-to-team.ts';
import { canServe } from '../../../routing/engine/eligibility.ts';
import { rankWaiting } from '../../../routing/engine/plan.ts';
import { loadRoutingState } from '../../../routing/snapshot.ts';
import { findWaiting } from '../../../routing/waiting-store.ts';
import { signedIn } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { visitorOf } from '../widget/visitor.ts';
import { configureRoutes } from './configure.ts';
import { routingDeps } from './deps.ts';
import {
  ConversationParams,
  EscalateBody,
  QueueView,
  TransferBody,
  TransferResult,
  WidgetRoutingStatus,
} from './schema.ts';
import { superviseRoutes } from './supervise.ts';

/** The queue as agents work it: their line and conversations, pick, transfer, escalate; plus the widget's status. */
export async function routingRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;
  const routing = routingDeps(deps);
  const tags = ['routing'];

  app.get(
    '/api/v1/routing/queue',
    { config: { policy: 'routing.queue.read' }, schema: { tags, response: { 200: QueueView, ...errorResponses } } },
    async (request) => {
      const principal = signedIn(request);
      const userId = principal.kind === 'user' ? principal.userId : null;
      const lead = principal.kind === 'user' && principal.role !== 'agent';
      const state = await loadRoutingState(ctx, principal.workspaceId);
      const agent = state.agents.find((a) => a.id === userId);
      const ranked = rankWaiting(state.waiting, state.params, state.now);
      const positions = new Map<string, number>();
      const waiting = ranked.flatMap((w) => {
        const position = (positions.get(w.team) ?? 0) + 1;
        positions.set(w.team, position);
        const canTake = agent ? canServe({ ...agent, online: true }, w, state.context) : false;
        // An agent's line is what they can serve; supervisors and integrations see every line.
        if (!lead && principal.kind === 'user' && !canTake) return [];
        const entry = state.waiting.find((e) => e.id === w.id);
        return [
          {
            conversationId: w.id,
            team: w.team,
            position,
            waitedSeconds: Math.round((state.now - w.enqueuedAt) / 1000),
            priority: Math.round(w.priority * 1000) / 1000,
            valueTier: w.valueTier,
            sentiment: w.sentiment,
            level: w.level,
            skills: w.skills,
            language: w.language,
            channel: w.channel,
            reason: entry?.reason ?? '',
            note: entry?.note ?? null,
            canTake,
          },
        ];
      });
      const mine = userId ? await listAssignments(ctx.db, principal.workspaceId, userId) : [];
      return {
        strategy: state.settings.strategy,
        waiting,
        mine: mine.map((h) => ({
          conversationId: h.conversation_id,
          team: h.team,
          channel: h.channel,
          via: h.via,
          assignedAt: h.assigned_at,
        })),
        capacity: agent?.capacity ?? {},
        load: agent?.load ?? {},
      };
    },
  );

  app.post(
    '/api/v1/routing/queue/:conversationId/pick',
    {
      config: { policy: 'routing.work' },
      schema: { tags, params: ConversationParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      const principal = signedIn(request);
      if (principal.kind !== 'user') throw new AppError('forbidden', 'Only agents pick conversations');
      await pickConversation(routing, {
        workspaceId: principal.workspaceId,
        conversationId: request.params.conversationId,
        agentId: principal.userId,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/routing/conversations/:conversationId/transfer',
    {
      config: { policy: 'routing.work' },
      schema: {
        tags,
        params: ConversationParams,
        body: TransferBody,
        response: { 200: TransferResult, ...errorResponses },
      },
    },
    async (request) => {
      const principal = signedIn(request);
      if (principal.kind !== 'user') throw new AppError('forbidden', 'Only console users transfer conversations');
      const { workspaceId } = principal;
      const { conversationId } = request.params;
      const holder = await findAssignment(ctx.db, workspaceId, conversationId);
      if (!holder && !(await findWaiting(ctx.db, workspaceId, conversationId)))
        throw new AppError('not_found', 'Conversation in routing not found');
      // Agents move their own conversations; supervisors any.
      if (principal.role === 'agent' && holder?.user_id !== principal.userId)
        throw new AppError('forbidden', 'You do not hold this conversation');
      const { toAgentId, toTeam, note } = request.body;
      if (toAgentId) {
        if (!(await findAgentProfile(ctx.db, workspaceId, toAgentId)))
          throw new AppError('not_found', 'Agent not found');
        await reassignConversation(routing, {
          workspaceId,
          conversationId,
          toAgentId,
          fromAgentId: holder?.user_id,
          via: 'transfer',
          actorId: principal.userId,
          note,
        });
        return { team: holder?.team ?? null, assignedTo: toAgentId, position: 0, online: 1 };
      }
      return transferToTeam(routing, {
        workspaceId,
        conversationId,
        team: toTeam as string,
        note,
        actorId: principal.userId,
      });
    },
  );

  app.post(
    '/api/v1/routing/conversations/:conversationId/escalate',
    {
      config: { policy: 'routing.work' },
      schema: {
        tags,
        params: ConversationParams,
        body: EscalateBody,
        response: { 200: TransferResult, ...errorResponses },
      },
    },
    async (request) => {
      const principal = signedIn(request);
      if (principal.kind !== 'user') throw new AppError('forbidden', 'Only console users escalate conversations');
      const holder = await findAssignment(ctx.db, principal.workspaceId, request.params.conversationId);
      if (principal.role === 'agent' && holder && holder.user_id !== principal.userId)
        throw new AppError('forbidden', 'You do not hold this conversation');
      return escalateConversation(routing, {
        workspaceId: principal.workspaceId,
        conversationId: request.params.conversationId,
        note: request.body.note,
        actorId: principal.userId,
      });
    },
  );

  app.get(
    '/api/v1/widget/routing-status',
    {
      config: { policy: 'routing.widget_status' },
      schema: { tags: ['widget'], response: { 200: WidgetRoutingStatus, ...errorResponses } },
    },
    async (request) => {
      const visitor = visitorOf(request.principal);
      const conversation = await findOpenConversation(ctx.db, visitor.workspaceId, visitor.inboxId, visitor.contactId);
      const waiting = conversation ? await findWaiting(ctx.db, visitor.workspaceId, conversation.id) : undefined;
      const status = await surgeStatus(routing, visitor.workspaceId, waiting?.team ?? null);
      // The entry just read names the line; the place and the line's length come from one ranked read of it.
      const line =
        waiting && conversation
          ? await placeInLine(ctx, visitor.workspaceId, waiting.team, conversation.id)
          : { position: 0, waiting: 0 };
      const position = line.position;
      // The same rule as on arrival (enqueueConversation): over the cap, whoever waits is offered the way out.
      const cap = waiting && position > 0 ? status.queueCap : null;
      const over = cap ? line.waiting > cap.max : false;
      return {
        botFirst: status.botFirst,
        waitMessage: status.waitMessage,
        queue: waiting && position > 0 ? { position, team: waiting.team } : null,
        offer: cap && over ? cap.offer : null,
      };
    },
  );

  await superviseRoutes(app, deps);
  await configureRoutes(app, deps);
}
