import { z } from 'zod';
import { notFound } from '../../../platform/errors.ts';
import { changeUserAccess } from '../../../security/commands/change-user-role.ts';
import { CreateUserInput, createUser } from '../../../security/commands/create-user.ts';
import { listUsers } from '../../../security/store.ts';
import { signedIn, workspaceOf } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { presentUser, UpdateUserBody, UserParams, UserView } from './schema.ts';

export async function userRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/v1/users',
    {
      config: { policy: 'users.list' },
      schema: { tags: ['users'], response: { 200: z.object({ users: z.array(UserView) }), ...errorResponses } },
    },
    async (request) => ({ users: (await listUsers(deps.ctx.db, workspaceOf(request))).map(presentUser) }),
  );

  app.post(
    '/api/v1/users',
    {
      config: { policy: 'users.manage' },
      schema: { tags: ['users'], body: CreateUserInput, response: { 201: UserView, ...errorResponses } },
    },
    async (request, reply) => {
      const user = await createUser(deps.ctx, {
        workspaceId: workspaceOf(request),
        input: request.body,
        actor: signedIn(request),
        ip: request.ip,
      });
      return reply.status(201).send(presentUser(user));
    },
  );

  app.patch(
    '/api/v1/users/:userId',
    {
      config: { policy: 'users.manage' },
      schema: {
        tags: ['users'],
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: UserView, ...errorResponses },
      },
    },
    async (request) => {
      const user = await changeUserAccess(deps.ctx, {
        workspaceId: workspaceOf(request),
        userId: request.params.userId,
        role: request.body.role,
        disabled: request.body.disabled,
        actor: signedIn(request),
        ip: request.ip,
      });
      if (!user) throw notFound('User');
      return presentUser(user);
    },
  );
}
