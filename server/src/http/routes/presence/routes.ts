import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { setPresence } from '../../../routing/commands/set-presence.ts';
import { PRESENCE_STATUSES } from '../../../routing/store.ts';
import { signedIn } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';

const PresenceBody = z.strictObject({ status: z.enum(PRESENCE_STATUSES) });
const PresenceView = z.object({ status: z.enum(PRESENCE_STATUSES) });

/** An agent says whether they can take conversations now. */
export async function presenceRoutes(app: App, deps: AppDeps): Promise<void> {
  app.put(
    '/api/v1/presence',
    {
      config: { policy: 'presence.set' },
      schema: { tags: ['presence'], body: PresenceBody, response: { 200: PresenceView, ...errorResponses } },
    },
    async (request) => {
      const principal = signedIn(request);
      if (principal.kind !== 'user') throw new AppError('forbidden', 'Only console users have a presence');
      const { status } = await setPresence(deps.ctx, {
        workspaceId: principal.workspaceId,
        userId: principal.userId,
        status: request.body.status,
      });
      return { status };
    },
  );
}
