import { fromJson } from '../../platform/db/dialect.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { appendReportingEvent } from '../../platform/reporting.ts';
import {
  claimConversation,
  findAssignment,
  releaseConversation,
  type WaitingProfileCopy,
} from '../assignment-store.ts';
import { type AssignedPayload, ROUTING_TOPICS } from '../events.ts';
import type { RoutingDeps } from '../ports.ts';
import { publishRouting } from '../publish.ts';
import { findPresence } from '../store.ts';
import { findWaiting } from '../waiting-store.ts';
import { assignWaiting, handOver } from './assign-waiting.ts';

export interface ReassignOptions {
  workspaceId: string;
  conversationId: string;
  toAgentId: string;
  /** The holder the caller saw; when someone else holds it now, the move is refused (two supervisors at once). */
  fromAgentId?: string | null;
  /** `reassign` (a supervisor moves it), `take_over` (a supervisor takes it, beyond capacity), `transfer` (an agent). */
  via: 'reassign' | 'take_over' | 'transfer';
  actorId: string;
  note?: string | null;
}

const CONVERSATION_LOCK_TTL_MS = 10_000;

/**
 * Moves a held conversation from its agent to another, or gives a waiting one to a chosen agent. Serialized per
 * conversation; and across processes the old holding is released only if it is still the one the caller saw, so
 * two supervisors reassigning at once end with one holder, the loser getting 409. When the new agent has no room the
 * old holder keeps it.
 */
export async function reassignConversation(deps: RoutingDeps, options: ReassignOptions) {
  return deps.lock.withLock(
    `routing:conversation:${options.conversationId}`,
    CONVERSATION_LOCK_TTL_MS,
    () => move(deps, options),
    { waitMs: 5_000 },
  );
}

async function move(deps: RoutingDeps, options: ReassignOptions): Promise<{ previousAgentId: string | null }> {
  const { ctx } = deps;
  const { workspaceId, conversationId, toAgentId } = options;
  const capped = options.via !== 'take_over';
  if (capped && (await findPresence(ctx.db, workspaceId, toAgentId)) !== 'online') {
    throw new AppError('conflict', 'That agent is not online', { details: { reason: 'agent_offline' } });
  }
  const holder = await findAssignment(ctx.db, workspaceId, conversationId);
  if (!holder) {
    // Asked to move it away from an agent who no longer holds it: another process may be mid-move (released, not yet
    // claimed), so the conversation is neither held nor waiting for that instant. That is a lost race, not a 404.
    if (options.fromAgentId) throw new AppError('conflict', 'The conversation is no longer held by that agent');
    const waiting = await findWaiting(ctx.db, workspaceId, conversationId);
    if (!waiting) throw notFound('Conversation in routing');
    const taken = await handOver(
      deps,
      workspaceId,
      { ...waiting, note: options.note ?? waiting.note },
      toAgentId,
      options.via,
      options.actorId,
      { capped },
    );
    if (!taken) throw new AppError('conflict', 'That agent has no room for it', { details: { reason: 'agent_full' } });
    await postNote(deps, options);
    return { previousAgentId: null };
  }
  if (options.fromAgentId && holder.user_id !== options.fromAgentId) {
    throw new AppError('conflict', 'Someone else moved this conversation first', {
      details: { holder: holder.user_id },
    });
  }
  if (holder.user_id === toAgentId) return { previousAgentId: toAgentId };
  const released = await releaseConversation(ctx.db, workspaceId, conversationId, holder.user_id);
  if (!released) throw new AppError('conflict', 'Someone else moved this conversation first');
  const now = ctx.clock.now();
  const profile = fromJson<WaitingProfileCopy | undefined>(released.profile, undefined);
  const claim = {
    workspaceId,
    conversationId,
    channel: released.channel,
    team: released.team,
    enqueuedAt: released.enqueued_at,
    now,
    fromQueue: false,
    profile,
  };
  const claimed = await claimConversation(ctx.db, { ...claim, userId: toAgentId, via: options.via, capped });
  if (!claimed) {
    await claimConversation(ctx.db, { ...claim, userId: holder.user_id, via: released.via, capped: false });
    throw new AppError('conflict', 'That agent has no room for it', { details: { reason: 'agent_full' } });
  }
  const outcome = await deps.conversations.assign({
    workspaceId,
    conversationId,
    agentId: toAgentId,
    via: options.via,
    actorId: options.actorId,
  });
  if (outcome === 'gone') {
    await releaseConversation(ctx.db, workspaceId, conversationId, toAgentId);
    throw new AppError('conflict', 'The conversation is no longer open');
  }
  await appendReportingEvent(ctx.db, {
    workspaceId,
    type: 'routing.reassigned',
    conversationId,
    actor: { type: 'user', id: options.actorId },
    data: { from: holder.user_id, to: toAgentId, via: options.via },
    at: now,
  });
  await postNote(deps, options);
  const payload: AssignedPayload = {
    conversationId,
    agentId: toAgentId,
    previousAgentId: holder.user_id,
    team: released.team,
    via: options.via,
    waitedMs: 0,
    note: options.note ?? null,
  };
  await publishRouting(ctx, ROUTING_TOPICS.assigned, workspaceId, payload);
  // The previous holder has room again.
  await assignWaiting(deps, workspaceId);
  return { previousAgentId: holder.user_id };
}

async function postNote(deps: RoutingDeps, options: ReassignOptions) {
  if (!options.note) return;
  await deps.conversations.post({
    workspaceId: options.workspaceId,
    conversationId: options.conversationId,
    text: options.note,
    private: true,
    key: `route-note-${options.conversationId}-${deps.ctx.clock.now()}`,
    authorId: options.actorId,
  });
}
