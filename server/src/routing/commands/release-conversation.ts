import { releaseConversation as releaseHolding } from '../assignment-store.ts';
import type { RoutingDeps } from '../ports.ts';
import { deleteQueueEntry } from '../queue-store.ts';
import { assignWaiting } from './assign-waiting.ts';

/**
 * A conversation stopped needing its agent (resolved, closed, back to the bot or the queue): the holding ends, the
 * capacity comes back once, and the next eligible conversation is assigned at once.
 */
export async function releaseConversation(
  deps: RoutingDeps,
  options: { workspaceId: string; conversationId: string; stillWaiting?: boolean },
) {
  const released = await releaseHolding(deps.ctx.db, options.workspaceId, options.conversationId);
  if (!options.stillWaiting) await deleteQueueEntry(deps.ctx.db, options.workspaceId, options.conversationId);
  const assigned = await assignWaiting(deps, options.workspaceId);
  return { released: released?.user_id ?? null, assigned };
}
