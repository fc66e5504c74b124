import { AppError } from '../../../platform/errors.ts';
import { routingBoard } from '../../../routing/board.ts';
import { joinSilently } from '../../../routing/commands/join-silently.ts';
import { reassignConversation } from '../../../routing/commands/reassign-conversation.ts';
import { listUsers } from '../../../security/store.ts';
import { signedIn } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { routingDeps } from './deps.ts';
import { BoardView, ConversationParams, ReassignBody, TakeOverBody } from './schema.ts';

/** Supervisors steer the line: the live board, reassign, take over, join silently. */
export async function superviseRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;
  const routing = routingDeps(deps);
  const tags = ['routing'];

  app.get(
    '/api/v1/routing/board',
    { config: { policy: 'routing.supervise' }, schema: { tags, response: { 200: BoardView, ...errorResponses } } },
    async (request) => {
      const { workspaceId } = signedIn(request);
      const [board, users] = await Promise.all([routingBoard(ctx, workspaceId), listUsers(ctx.db, workspaceId)]);
      const names = new Map(users.map((u) => [u.id, u.name]));
      return { ...board, agents: board.agents.map((a) => ({ ...a, name: names.get(a.userId) ?? a.userId })) };
    },
  );

  const supervisor = (request: Parameters<typeof signedIn>[0]) => {
    const principal = signedIn(request);
    if (principal.kind !== 'user') throw new AppError('forbidden', 'Only supervisors do this');
    return principal;
  };

  app.post(
    '/api/v1/routing/conversations/:conversationId/reassign',
    {
      config: { policy: 'routing.supervise' },
      schema: {
        tags,
        params: ConversationParams,
        body: ReassignBody,
        response: { 200: ReassignResult, ...errorResponses },
      },
    },
    async (request) => {
      const principal = supervisor(request);
      const users = await listUsers(ctx.db, principal.workspaceId);
      if (!users.some((u) => u.id === request.body.toAgentId && u.disabled !== 1))
        throw new AppError('not_found', 'Agent not found');
      return reassignConversation(routing, {
        workspaceId: principal.workspaceId,
        conversationId: request.params.conversationId,
        toAgentId: request.body.toAgentId,
        fromAgentId: request.body.fromAgentId,
        via: 'reassign',
        actorId: principal.userId,
        note: request.body.note,
      });
    },
  );

  app.post(
    '/api/v1/routing/conversations/:conversationId/take-over',
    {
      config: { policy: 'routing.supervise' },
      schema: {
        tags,
        params: ConversationParams,
        body: TakeOverBody,
        response: { 200: ReassignResult, ...errorResponses },
      },
    },
    async (request) => {
      const principal = supervisor(request);
      return reassignConversation(routing, {
        workspaceId: principal.workspaceId,
        conversationId: request.params.conversationId,
        toAgentId: principal.userId,
        fromAgentId: request.body.fromAgentId,
        via: 'take_over',
        actorId: principal.userId,
      });
    },
  );

  app.post(
    '/api/v1/routing/conversations/:conversationId/silent-join',
    {
      config: { policy: 'routing.supervise' },
      schema: {
        tags,
        params: ConversationParams,
        response: { 200: z.object({ agentId: z.string() }), ...errorResponses },
      },
    },
    async (request) => {
      const principal = supervisor(request);
      return joinSilently(routing, {
        workspaceId: principal.workspaceId,
        conversationId: request.params.conversationId,
        supervisorId: principal.userId,
      });
    },
  );
}

import { z } from 'zod';

const ReassignResult = z.object({ previousAgentId: z.string().nullable() });
