import type { ServiceContext } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { type PresencePayload, ROUTING_TOPICS } from '../events.ts';
import { findPresence, type PresenceStatus, savePresence } from '../store.ts';

export interface SetPresenceOptions {
  workspaceId: string;
  userId: string;
  status: PresenceStatus;
  /** Only change when the agent is in this state now (the gateway marks `online` agents `away` on disconnect). */
  onlyIf?: PresenceStatus;
}

/** Records whether an agent can take conversations; publishes `agent.presence_changed` when it changes. */
export async function setPresence(
  ctx: Pick<ServiceContext, 'db' | 'clock' | 'bus' | 'logger'>,
  options: SetPresenceOptions,
): Promise<{ status: PresenceStatus; changed: boolean }> {
  const previous = await findPresence(ctx.db, options.workspaceId, options.userId);
  if (options.onlyIf && previous !== options.onlyIf) return { status: previous, changed: false };
  if (previous === options.status) return { status: previous, changed: false };
  const now = ctx.clock.now();
  await savePresence(ctx.db, {
    workspace_id: options.workspaceId,
    user_id: options.userId,
    status: options.status,
    updated_at: now,
  });
  const payload: PresencePayload = { userId: options.userId, status: options.status, previous };
  await ctx.bus
    .publish(ROUTING_TOPICS.presenceChanged, {
      type: ROUTING_TOPICS.presenceChanged,
      workspaceId: options.workspaceId,
      id: newId('evt'),
      at: now,
      payload,
    })
    .catch((error: unknown) => ctx.logger.error({ err: error }, 'could not publish presence change'));
  return { status: options.status, changed: true };
}
