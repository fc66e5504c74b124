import { appendReportingEvent } from '../../platform/reporting.ts';
import { claimConversation, releaseConversation, type WaitingProfileCopy } from '../assignment-store.ts';
import type { Assignment } from '../engine/types.ts';
import { type AssignedPayload, ROUTING_TOPICS } from '../events.ts';
import type { RoutingDeps } from '../ports.ts';
import { publishRouting } from '../publish.ts';
import { loadRoutingState, planForState } from '../snapshot.ts';

/** Long enough for a pass over a busy workspace; a crashed holder frees the lock by itself. */
const LOCK_TTL_MS = 15_000;
const MAX_ROUNDS = 5;

/**
 * The assigner: gives every waiting conversation that someone can take to the agent the workspace's strategy picks,
 * highest priority first, and publishes `conversation.assigned` for each. Runs whenever capacity may have appeared
 * or a conversation arrived (hand-off, agent online, conversation resolved, capacity raised, surge plan switched).
 *
 * Exactly once does not rest on the lock: each assignment is a claim (queue entry deleted, load raised below
 * capacity, one holder row) that only one claimer wins. The per-workspace lock keeps the line's order when several
 * processes run the assigner at once. A claim whose conversation vanished meanwhile is let go again.
 */
export async function assignWaiting(deps: RoutingDeps, workspaceId: string): Promise<Assignment[]> {
  return deps.lock.withLock(
    `routing:assign:${workspaceId}`,
    LOCK_TTL_MS,
    async () => {
      const made: Assignment[] = [];
      for (let round = 0; round < MAX_ROUNDS; round++) {
        // Only the part of the line an agent with room could take: the plan is the same, the read much shorter
        // (the usual pass follows one agent freeing a slot; nobody with room reads no line at all).
        const state = await loadRoutingState(deps.ctx, workspaceId, { waiting: 'reachable' });
        const plan = planForState(state);
        if (plan.assignments.length === 0) break;
        const decidedAt = deps.ctx.clock.now();
        let lost = false;
        const byId = new Map(state.waiting.map((w) => [w.id, w]));
        const leftTeams = new Set<string>();
        for (const assignment of plan.assignments) {
          const entry = byId.get(assignment.conversationId);
          if (!entry) continue;
          const done = await handOver(deps, workspaceId, entry, assignment.agentId, 'auto', null, {
            decidedAt,
            lineNews: false,
          });
          if (done) {
            made.push(assignment);
            leftTeams.add(entry.team);
          } else lost = true;
          // Embedded SQLite answers without giving the event loop a turn, so a long pass would run to its end
          // before the first push leaves the process (socket writes and compression need the loop): give it one.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        // One "the line moved" per team and pass: each one reaches every console and every waiting widget.
        for (const team of leftTeams)
          await publishRouting(deps.ctx, ROUTING_TOPICS.queueChanged, workspaceId, {
            team,
            conversationId: null,
            change: 'left',
          });
        // Every claim held: the plan was complete (one pass assigns all it can). A lost one: look again.
        if (!lost) break;
      }
      return made;
    },
    { waitMs: 10_000 },
  );
}

/**
 * Claims one waiting conversation for one agent and moves it in conversations. True when the agent now holds it.
 * Shared by the assigner, an agent's own pick and a supervisor's assignment from the queue.
 */
export async function handOver(
  deps: RoutingDeps,
  workspaceId: string,
  entry: {
    id: string;
    team: string;
    channel: string;
    enqueuedAt: number;
    note?: string | null;
  } & Partial<WaitingProfileCopy>,
  agentId: string,
  via: string,
  actorId: string | null,
  options: {
    capped?: boolean;
    /** When the decision was made (the push carries it); now when not given. */
    decidedAt?: number;
    /** False when the caller announces the line's change itself (once for many hand-overs). */
    lineNews?: boolean;
  } = {},
): Promise<boolean> {
  const { ctx } = deps;
  const now = ctx.clock.now();
  const claimed = await claimConversation(ctx.db, {
    workspaceId,
    conversationId: entry.id,
    userId: agentId,
    channel: entry.channel,
    team: entry.team,
    enqueuedAt: entry.enqueuedAt,
    via,
    now,
    fromQueue: true,
    capped: options.capped ?? true,
    profile: {
      valueTier: entry.valueTier ?? 'regular',
      language: entry.language ?? null,
      skills: entry.skills ?? {},
      level: entry.level ?? 1,
      complexity: entry.complexity ?? 0.3,
      sentiment: entry.sentiment ?? 0,
    },
  });
  if (!claimed) return false;
  let outcome: 'assigned' | 'gone';
  try {
    outcome = await deps.conversations.assign({ workspaceId, conversationId: entry.id, agentId, via, actorId });
  } catch (error) {
    ctx.logger.error({ err: error, conversationId: entry.id }, 'assignment could not be applied; letting it go');
    outcome = 'gone';
  }
  if (outcome === 'gone') {
    await releaseConversation(ctx.db, workspaceId, entry.id, agentId);
    return false;
  }
  const payload: AssignedPayload = {
    conversationId: entry.id,
    agentId,
    previousAgentId: null,
    team: entry.team,
    via,
    waitedMs: Math.max(0, now - entry.enqueuedAt),
    note: entry.note ?? null,
    decidedAt: options.decidedAt ?? now,
  };
  // The agent's console first; the report row can follow.
  await publishRouting(ctx, ROUTING_TOPICS.assigned, workspaceId, payload);
  await appendReportingEvent(ctx.db, {
    workspaceId,
    type: 'routing.assigned',
    conversationId: entry.id,
    actor: actorId ? { type: 'user', id: actorId } : { type: 'system', id: 'routing' },
    data: { agentId, team: entry.team, channel: entry.channel, via, waitedMs: Math.max(0, now - entry.enqueuedAt) },
    at: now,
  });
  if (options.lineNews !== false)
    await publishRouting(ctx, ROUTING_TOPICS.queueChanged, workspaceId, {
      team: entry.team,
      conversationId: entry.id,
      change: 'left',
    });
  return true;
}
