import type { ServiceContext } from '../../platform/context.ts';
import { toJson } from '../../platform/db/dialect.ts';
import { sharedRead } from '../../platform/db/shared-read.ts';
import { writeTransaction } from '../../platform/db/write-batcher.ts';
import { appendReportingEvent } from '../../platform/reporting.ts';
import { rankWaiting } from '../engine/plan.ts';
import { ROUTING_TOPICS } from '../events.ts';
import { type HandoffFacts, profileFromHandoff } from '../handoff-profile.ts';
import { publishRouting } from '../publish.ts';
import { countOnlineAgents, deleteQueueEntry, findQueueEntry, upsertQueueEntry } from '../queue-store.ts';
import { loadSettings, priorityParams } from '../settings-store.ts';
import { listSurgePlans, type SurgePlanRecord } from '../surge-store.ts';
import { listWaiting } from '../waiting-store.ts';

export interface EnqueueConversationOptions {
  workspaceId: string;
  conversationId: string;
  team: string;
  /** Higher is served first (the hand-off's first cut; routing ranks by its weighted priority). */
  priority: number;
  /** The hand-off reason code, for the queue view. */
  reason: string;
  /**
   * What routing ranks and matches on (tier, language, channel, sentiment, bot turns …). Without it the entry
   * joins with neutral defaults and the `queue_changed` event says `profiled: false`: the composition root fills
   * it in with `describeWaiting` (from the bot's hand-off event) before it runs the assigner.
   */
  facts?: HandoffFacts;
}

export interface QueuePlace {
  team: string;
  /** 1 = next. */
  position: number;
  /** Agents online in the workspace now (0: nobody can answer). */
  online: number;
  /** Set while a surge plan is active for this team: what the customer should be told or offered. */
  surge?: {
    botFirst: { zh: string; en: string } | null;
    waitMessage: { zh: string; en: string } | null;
    /** The queue is over the plan's cap: offer this instead of waiting. */
    offer: 'leave_message' | 'callback' | null;
  };
}

/**
 * Puts a handed-off conversation in line and says where it stands. A second hand-off keeps its arrival time. An
 * active surge plan may send it to its overflow team. Publishes `routing.queue_changed` so consoles refresh and the
 * assigner runs.
 */
export async function enqueueConversation(
  ctx: ServiceContext,
  options: EnqueueConversationOptions,
): Promise<QueuePlace> {
  const { workspaceId, conversationId } = options;
  const { team, active } = await joinQueue(ctx, options);
  // joinQueue says which line it joined, and the cap counts the line the place was ranked in: one read of the line
  // (at one moment) gives both, and the entry is not read again. On PostgreSQL the arrivals of a burst commit one by
  // one, so that read may not yet see arrivals that commit after it: a place is never behind the real one (the
  // newcomer's own entry is committed), and may be ahead of it until the next queue update corrects it.
  const [online, { position, waiting }] = await Promise.all([
    countOnlineAgents(ctx.db, workspaceId),
    placeInLine(ctx, workspaceId, team, conversationId),
  ]);
  const place: QueuePlace = { team, position, online };
  if (active.length > 0) {
    const cap = active.find((p) => p.actions.queueCap)?.actions.queueCap;
    place.surge = {
      botFirst: active.find((p) => p.actions.botFirst)?.actions.botFirst?.announcement ?? null,
      waitMessage: active.find((p) => p.actions.waitMessage)?.actions.waitMessage ?? null,
      offer: cap && waiting > cap.max ? cap.offer : null,
    };
  }
  return place;
}

/**
 * Puts a conversation in line without working out its place: for routing's own requeues (a new, reopened or
 * released conversation), whose place nobody is told. Ranking the whole line per arrival made a burst of 200 new
 * conversations read the line 200 times (quadratic); the customer's place is asked for separately when shown.
 * `known` is the queue entry the caller has just read (undefined: not waiting), saving a second read.
 */
export async function joinQueue(
  ctx: ServiceContext,
  options: EnqueueConversationOptions,
  known?: { existing: { enqueued_at: number } | undefined },
): Promise<{ team: string; active: SurgePlanRecord[] }> {
  const { workspaceId, conversationId } = options;
  const [existing, settings, plans] = await Promise.all([
    known ? known.existing : findQueueEntry(ctx.db, workspaceId, conversationId),
    // Read-only here, and the same for every arrival of a burst: one read per turn serves them all.
    sharedRead(ctx.db, `routing-settings:${workspaceId}`, () => loadSettings(ctx.db, workspaceId)),
    sharedRead(ctx.db, `surge-plans:${workspaceId}`, () => listSurgePlans(ctx.db, workspaceId)),
  ]);
  const active = plans.filter((p) => p.active && (p.team === null || p.team === options.team));
  const overflow = active.find((p) => p.actions.overflowTo)?.actions.overflowTo;
  const team = overflow ?? options.team;
  const profile = options.facts
    ? profileFromHandoff(settings, { ...options.facts, team, reason: options.reason })
    : undefined;
  // The entry and its report commit together; on SQLite they join the shared commit of concurrent writers (a burst
  // of 200 arrivals made 400 commits of their own).
  await writeTransaction(ctx.db, ctx.engine, async (trx) => {
    await upsertQueueEntry(
      trx,
      {
        conversation_id: conversationId,
        workspace_id: workspaceId,
        team,
        priority: options.priority,
        reason: options.reason,
        enqueued_at: existing?.enqueued_at ?? ctx.clock.now(),
        ...(profile ? profileColumns(profile) : {}),
      },
      // A second hand-off refreshes the profile of a conversation already waiting, in the same statement.
      { refreshProfile: true },
    );
    // Reports give a team even to conversations abandoned before anyone took them.
    await appendReportingEvent(trx, {
      workspaceId,
      type: 'conversation.routed',
      conversationId,
      actor: { type: 'system', id: null },
      data: { team, priority: options.priority, reason: options.reason },
      at: ctx.clock.now(),
    });
  });
  await publishRouting(ctx, ROUTING_TOPICS.queueChanged, workspaceId, {
    team,
    conversationId,
    change: 'joined',
    profiled: profile !== undefined,
  });
  return { team, active };
}

function profileColumns(profile: ReturnType<typeof profileFromHandoff>) {
  return {
    channel: profile.channel,
    language: profile.language,
    skills: toJson(profile.skills),
    level: profile.level,
    value_tier: profile.valueTier,
    complexity: profile.complexity,
    sentiment: profile.sentiment,
  };
}

/** Writes the profile columns of a waiting conversation (describeWaiting: facts learnt after it joined the line). */
async function describeColumns(
  ctx: ServiceContext,
  workspaceId: string,
  conversationId: string,
  profile: ReturnType<typeof profileFromHandoff>,
) {
  await ctx.db
    .updateTable('queue_entries')
    .set(profileColumns(profile))
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .execute();
}

/**
 * Fills in (or refreshes) what routing ranks and matches a waiting conversation on, from the hand-off's facts.
 * False when it no longer waits.
 */
export async function describeWaiting(
  ctx: ServiceContext,
  options: { workspaceId: string; conversationId: string; facts: HandoffFacts },
): Promise<boolean> {
  const entry = await findQueueEntry(ctx.db, options.workspaceId, options.conversationId);
  if (!entry) return false;
  const settings = await loadSettings(ctx.db, options.workspaceId);
  const profile = profileFromHandoff(settings, { ...options.facts, team: entry.team, reason: entry.reason });
  await describeColumns(ctx, options.workspaceId, options.conversationId, profile);
  return true;
}

/** 1-based place in the team's line by routing's own order (weighted priority now, then arrival); 0 = not waiting. */
export async function positionInLine(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  workspaceId: string,
  conversationId: string,
): Promise<number> {
  const entry = await findQueueEntry(ctx.db, workspaceId, conversationId);
  if (!entry) return 0;
  return (await placeInLine(ctx, workspaceId, entry.team, conversationId)).position;
}

/**
 * A conversation's place in a team's line (0: not in it) and how many wait in that line, from the same ranked read
 * (rankedPlaces): for a caller that already knows the team, and for a queue cap that must count the line the place
 * was ranked in.
 */
export async function placeInLine(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  workspaceId: string,
  team: string,
  conversationId: string,
): Promise<{ position: number; waiting: number }> {
  const places = await rankedPlaces(ctx, workspaceId, team);
  return { position: places.get(conversationId) ?? 0, waiting: places.size };
}

/**
 * Every conversation's place in a team's line, from one read and one ranking. Places asked for in the same turn of
 * the event loop (a burst of hand-offs, 200 widgets asking after a queue notice) share the pass (`sharedRead`):
 * ranking the line once per asker made such a burst quadratic.
 */
function rankedPlaces(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  workspaceId: string,
  team: string,
): Promise<Map<string, number>> {
  return sharedRead(ctx.db, `places:${workspaceId}\n${team}`, async () => {
    const [settings, waiting] = await Promise.all([
      loadSettings(ctx.db, workspaceId),
      listWaiting(ctx.db, workspaceId, team),
    ]);
    const ranked = rankWaiting(waiting, priorityParams(settings), ctx.clock.now());
    return new Map(ranked.map((w, index) => [w.id, index + 1]));
  });
}

/** The conversation no longer waits (an agent took it, it went back to the bot, it was resolved). */
export async function leaveQueue(
  ctx: Pick<ServiceContext, 'db'>,
  workspaceId: string,
  conversationId: string,
): Promise<void> {
  await deleteQueueEntry(ctx.db, workspaceId, conversationId);
}
