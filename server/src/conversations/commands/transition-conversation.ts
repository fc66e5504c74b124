import type { ServiceContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { CONVERSATION_TOPICS, publishEvent } from '../events.ts';
import { recordTransition } from '../record-transition.ts';
import type { Actor, ConversationRecord, ConversationStatus } from '../schema.ts';
import { findConversation } from '../store.ts';

export interface TransitionConversationOptions {
  workspaceId: string;
  conversationId: string;
  to: ConversationStatus;
  /** Required when `to` is `assigned`; the caller checks that the user may take conversations. */
  assigneeId?: string | null;
  actor: Actor;
  reason?: string;
}

const MAX_ATTEMPTS = 5;

/**
 * Moves a conversation along the state machine (see status.ts). An illegal move is a 409 `illegal_transition` that
 * writes nothing. When two transitions race, each is judged against the state the other left, as if they had run
 * one after the other: the compare-and-set write makes the loser read again and decide again.
 */
export async function transitionConversation(
  ctx: ServiceContext,
  options: TransitionConversationOptions,
): Promise<{ conversation: ConversationRecord; changed: boolean }> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await findConversation(ctx.db, options.workspaceId, options.conversationId);
    if (!current) throw notFound('Conversation');
    const result = await ctx.db.transaction().execute((trx) =>
      recordTransition(trx, ctx.clock, current, {
        to: options.to,
        assigneeId: options.assigneeId,
        actor: options.actor,
        reason: options.reason ?? 'manual',
      }),
    );
    if (!result) continue;
    if (result.changed) {
      await publishEvent(ctx, CONVERSATION_TOPICS.conversationUpdated, options.workspaceId, {
        conversation: result.conversation,
        change: { from: current.status, to: result.conversation.status },
      });
    }
    return result;
  }
  throw new AppError('conflict', 'The conversation kept changing; try again');
}
