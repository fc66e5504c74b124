import type { ServiceContext } from '../../platform/context.ts';
import {
  countOnlineAgents,
  deleteQueueEntry,
  findQueueEntry,
  queuePosition,
  upsertQueueEntry,
} from '../queue-store.ts';

export interface EnqueueConversationOptions {
  workspaceId: string;
  conversationId: string;
  team: string;
  /** Higher is served first. */
  priority: number;
  /** The hand-off reason code, for the queue view. */
  reason: string;
}

export interface QueuePlace {
  team: string;
  /** 1 = next. */
  position: number;
  /** Agents online in the workspace now (0: nobody can answer). */
  online: number;
}

/**
 * Puts a handed-off conversation in line and says where it stands. The minimal queue of the hand-off: assignment by
 * skill and capacity builds on this table.
 */
export async function enqueueConversation(
  ctx: ServiceContext,
  options: EnqueueConversationOptions,
): Promise<QueuePlace> {
  const existing = await findQueueEntry(ctx.db, options.workspaceId, options.conversationId);
  const entry = {
    conversation_id: options.conversationId,
    workspace_id: options.workspaceId,
    team: options.team,
    priority: options.priority,
    reason: options.reason,
    enqueued_at: existing?.enqueued_at ?? ctx.clock.now(),
  };
  await upsertQueueEntry(ctx.db, entry);
  const [position, online] = await Promise.all([
    queuePosition(ctx.db, entry),
    countOnlineAgents(ctx.db, options.workspaceId),
  ]);
  return { team: options.team, position, online };
}

/** The conversation no longer waits (an agent took it, it went back to the bot, it was resolved). */
export async function leaveQueue(
  ctx: Pick<ServiceContext, 'db'>,
  workspaceId: string,
  conversationId: string,
): Promise<void> {
  await deleteQueueEntry(ctx.db, workspaceId, conversationId);
}
