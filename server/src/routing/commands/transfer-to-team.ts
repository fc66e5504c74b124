import { fromJson, toJson } from '../../platform/db/dialect.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { appendReportingEvent } from '../../platform/reporting.ts';
import { findAssignment, releaseConversation, type WaitingProfileCopy } from '../assignment-store.ts';
import type { SupportLevel } from '../engine/types.ts';
import { ROUTING_TOPICS } from '../events.ts';
import type { RoutingDeps } from '../ports.ts';
import { publishRouting } from '../publish.ts';
import { upsertQueueEntry } from '../queue-store.ts';
import { countOnlineInTeam } from '../team-online.ts';
import { updateWaiting } from '../waiting-store.ts';
import { assignWaiting } from './assign-waiting.ts';
import { placeInLine } from './enqueue-conversation.ts';

export interface TransferToTeamOptions {
  workspaceId: string;
  conversationId: string;
  team: string;
  /** Escalation raises the support level; a plain transfer keeps it. */
  level?: SupportLevel;
  note?: string | null;
  actorId: string;
  reason?: 'transfer' | 'escalation';
}

/**
 * Sends a conversation to another team's line, with a note for whoever takes it: the agent lets go, it waits with
 * its profile (tier, skills, sentiment), and the assigner runs. A team with nobody online is no error: the
 * conversation waits there, and the answer says so (`online: 0`) so the agent can choose another team.
 */
export async function transferToTeam(deps: RoutingDeps, options: TransferToTeamOptions) {
  return deps.lock.withLock(`routing:conversation:${options.conversationId}`, 10_000, () => transfer(deps, options), {
    waitMs: 5_000,
  });
}

async function transfer(deps: RoutingDeps, options: TransferToTeamOptions) {
  const { ctx } = deps;
  const { workspaceId, conversationId } = options;
  const now = ctx.clock.now();
  const holder = await findAssignment(ctx.db, workspaceId, conversationId);
  if (!holder) {
    // Still waiting: it changes lines in place.
    const moved = await updateWaiting(ctx.db, workspaceId, conversationId, {
      team: options.team,
      note: options.note ?? null,
      reserved_for: null,
      ...(options.level ? { level: options.level } : {}),
    });
    if (!moved) throw notFound('Conversation in routing');
  } else {
    const released = await releaseConversation(ctx.db, workspaceId, conversationId, holder.user_id);
    if (!released) throw new AppError('conflict', 'Someone else moved this conversation first');
    const profile = fromJson<Partial<WaitingProfileCopy>>(released.profile, {});
    await upsertQueueEntry(ctx.db, {
      conversation_id: conversationId,
      workspace_id: workspaceId,
      team: options.team,
      priority: 0,
      reason: options.reason ?? 'transfer',
      enqueued_at: now,
      channel: released.channel,
      language: profile.language ?? null,
      skills: toJson(profile.skills ?? {}),
      level: options.level ?? profile.level ?? 1,
      value_tier: profile.valueTier ?? 'regular',
      complexity: profile.complexity ?? 0.3,
      sentiment: profile.sentiment ?? 0,
      note: options.note ?? null,
    });
    const outcome = await deps.conversations.requeue({
      workspaceId,
      conversationId,
      actorId: options.actorId,
      reason: options.reason ?? 'transfer',
    });
    if (outcome === 'gone') {
      await ctx.db
        .deleteFrom('queue_entries')
        .where('workspace_id', '=', workspaceId)
        .where('conversation_id', '=', conversationId)
        .execute();
      throw new AppError('conflict', 'The conversation is no longer open');
    }
  }
  if (options.note) {
    await deps.conversations.post({
      workspaceId,
      conversationId,
      text: options.note,
      private: true,
      key: `route-note-${conversationId}-${now}`,
      authorId: options.actorId,
    });
  }
  await appendReportingEvent(ctx.db, {
    workspaceId,
    type: options.reason === 'escalation' ? 'routing.escalated' : 'routing.transferred',
    conversationId,
    actor: { type: 'user', id: options.actorId },
    data: { team: options.team, level: options.level ?? null, from: holder?.user_id ?? null },
    at: now,
  });
  await publishRouting(ctx, ROUTING_TOPICS.queueChanged, workspaceId, {
    team: options.team,
    conversationId,
    change: 'moved',
  });
  await assignWaiting(deps, workspaceId);
  // The target team is known: its line is ranked once for the place (not found first to learn its team), and only
  // its online agents are counted (not the whole routing state, which read the whole line too).
  const assigned = await findAssignment(ctx.db, workspaceId, conversationId);
  const [online, place] = await Promise.all([
    countOnlineInTeam(ctx, workspaceId, options.team),
    assigned ? { position: 0 } : placeInLine(ctx, workspaceId, options.team, conversationId),
  ]);
  return {
    team: options.team,
    assignedTo: assigned?.user_id ?? null,
    position: place.position,
    online,
  };
}
