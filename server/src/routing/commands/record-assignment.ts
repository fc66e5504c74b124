import { claimConversation, findAssignment, releaseConversation } from '../assignment-store.ts';
import type { RoutingDeps } from '../ports.ts';
import { deleteQueueEntry } from '../queue-store.ts';
import { findWaiting } from '../waiting-store.ts';

/**
 * A conversation was assigned outside the assigner (an agent replied to a queued conversation and took it, an admin
 * used the plain transition API): routing's ledger follows, so loads stay true. The person's decision counts toward
 * the agent's load even beyond capacity; the assigner simply gives them nothing more until they have room.
 */
export async function recordAssignment(
  deps: RoutingDeps,
  options: { workspaceId: string; conversationId: string; agentId: string; channel?: string; team?: string | null },
): Promise<void> {
  const { ctx } = deps;
  const current = await findAssignment(ctx.db, options.workspaceId, options.conversationId);
  if (current?.user_id === options.agentId) return;
  const waiting = await findWaiting(ctx.db, options.workspaceId, options.conversationId);
  if (current) await releaseConversation(ctx.db, options.workspaceId, options.conversationId);
  await deleteQueueEntry(ctx.db, options.workspaceId, options.conversationId);
  await claimConversation(ctx.db, {
    workspaceId: options.workspaceId,
    conversationId: options.conversationId,
    userId: options.agentId,
    channel: waiting?.channel ?? current?.channel ?? options.channel ?? 'web_widget',
    team: waiting?.team ?? current?.team ?? options.team ?? 'general',
    enqueuedAt: waiting?.enqueuedAt ?? current?.enqueued_at ?? ctx.clock.now(),
    via: 'manual',
    now: ctx.clock.now(),
    fromQueue: false,
    capped: false,
  });
}
