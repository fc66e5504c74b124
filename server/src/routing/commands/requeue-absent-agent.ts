import { fromJson, toJson } from '../../platform/db/dialect.ts';
import { appendReportingEvent } from '../../platform/reporting.ts';
import { listAssignments, releaseConversation, type WaitingProfileCopy } from '../assignment-store.ts';
import { ROUTING_TOPICS } from '../events.ts';
import type { RoutingDeps } from '../ports.ts';
import { publishRouting } from '../publish.ts';
import { deleteQueueEntry, upsertQueueEntry } from '../queue-store.ts';
import { assignWaiting } from './assign-waiting.ts';

/**
 * How long an agent may be away or offline before their conversations go back to the line. Long enough for a
 * flapping connection (a socket that drops and comes back, a laptop lid closed and opened) not to take a customer
 * from the agent who is answering them; short enough that nobody is left talking to an empty chair.
 */
export const ABSENCE_GRACE_MS = 30_000;

/**
 * Puts the conversations of an agent who has been away or offline for the whole grace period back in the line, and
 * runs the assigner so another agent takes them. Each keeps its place: its team, its original queueing time (so
 * its aging counts from the first hand-off, not from now) and its profile (tier, skills, language, sentiment).
 * Does nothing while the agent is online again or the grace has not run out: presence is read from the database,
 * so a late timer, a second process or a restart all reach the same answer, and only one of them requeues each
 * conversation (the holding is released by exactly one caller).
 */
export async function requeueAbsentAgent(
  deps: RoutingDeps,
  options: { workspaceId: string; userId: string; graceMs?: number },
): Promise<string[]> {
  const { ctx } = deps;
  const { workspaceId, userId } = options;
  const presence = await ctx.db
    .selectFrom('agent_presence')
    .select(['status', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const now = ctx.clock.now();
  if (presence?.status === 'online') return [];
  const since = presence ? Number(presence.updated_at) : 0;
  if (now - since < (options.graceMs ?? ABSENCE_GRACE_MS)) return [];

  const requeued: string[] = [];
  for (const holding of await listAssignments(ctx.db, workspaceId, userId)) {
    const conversationId = holding.conversation_id;
    const moved = await deps.lock.withLock(
      `routing:conversation:${conversationId}`,
      10_000,
      async () => {
        const released = await releaseConversation(ctx.db, workspaceId, conversationId, userId);
        if (!released) return false; // resolved, transferred or reassigned meanwhile
        const profile = fromJson<Partial<WaitingProfileCopy>>(released.profile, {});
        await upsertQueueEntry(ctx.db, {
          conversation_id: conversationId,
          workspace_id: workspaceId,
          team: released.team,
          priority: 0,
          reason: 'agent_away',
          enqueued_at: Number(released.enqueued_at),
          channel: released.channel,
          language: profile.language ?? null,
          skills: toJson(profile.skills ?? {}),
          level: profile.level ?? 1,
          value_tier: profile.valueTier ?? 'regular',
          complexity: profile.complexity ?? 0.3,
          sentiment: profile.sentiment ?? 0,
          note: null,
        });
        const outcome = await deps.conversations.requeue({
          workspaceId,
          conversationId,
          actorId: null,
          reason: 'agent_away',
        });
        if (outcome === 'gone') {
          await deleteQueueEntry(ctx.db, workspaceId, conversationId);
          return false;
        }
        await appendReportingEvent(ctx.db, {
          workspaceId,
          type: 'routing.requeued',
          conversationId,
          actor: { type: 'system', id: 'routing' },
          data: { from: userId, team: released.team, reason: 'agent_away', absentMs: now - since },
          at: now,
        });
        return true;
      },
      { waitMs: 5_000 },
    );
    if (moved) requeued.push(conversationId);
  }
  if (requeued.length === 0) return requeued;
  await publishRouting(ctx, ROUTING_TOPICS.queueChanged, workspaceId, {
    team: null,
    conversationId: null,
    change: 'moved',
  });
  await assignWaiting(deps, workspaceId);
  return requeued;
}

/**
 * Agents, in every workspace, who went away or offline more than the grace ago and still hold conversations: the
 * periodic pass's safety net for a timer lost to a restart. An agent who never had a presence (a conversation
 * assigned by hand to someone who has not signed in yet) is not "gone": they keep it.
 */
export async function absentHolders(
  deps: RoutingDeps,
  graceMs = ABSENCE_GRACE_MS,
): Promise<Array<{ workspaceId: string; userId: string }>> {
  const rows = await deps.ctx.db
    .selectFrom('routing_assignments')
    .innerJoin('agent_presence', (join) =>
      join
        .onRef('agent_presence.workspace_id', '=', 'routing_assignments.workspace_id')
        .onRef('agent_presence.user_id', '=', 'routing_assignments.user_id'),
    )
    .select(['routing_assignments.workspace_id as workspace_id', 'routing_assignments.user_id as user_id'])
    .where('agent_presence.status', '!=', 'online')
    .where('agent_presence.updated_at', '<=', deps.ctx.clock.now() - graceMs)
    .distinct()
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, userId: r.user_id }));
}
