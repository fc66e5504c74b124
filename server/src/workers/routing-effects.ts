import type { HandoffBrief } from '../bot/index.ts';
import { transitionConversation } from '../conversations/commands/transition-conversation.ts';
import { findContact, listInboxes } from '../conversations/contact-store.ts';
import type { ConversationUpdatedPayload } from '../conversations/events.ts';
import { conversationPort } from '../conversations/routing-port.ts';
import type { ConversationRecord } from '../conversations/schema.ts';
import type { BusEvent } from '../platform/bus/bus.ts';
import type { ServiceContext } from '../platform/context.ts';
import { sharedRead } from '../platform/db/shared-read.ts';
import type { Lock } from '../platform/lock/lock.ts';
import { assignWaiting } from '../routing/commands/assign-waiting.ts';
import { changeWaitingTier } from '../routing/commands/change-waiting-tier.ts';
import { describeWaiting, joinQueue } from '../routing/commands/enqueue-conversation.ts';
import { recordAssignment } from '../routing/commands/record-assignment.ts';
import { releaseConversation } from '../routing/commands/release-conversation.ts';
import { ABSENCE_GRACE_MS, absentHolders, requeueAbsentAgent } from '../routing/commands/requeue-absent-agent.ts';
import { evaluateSurgeTriggers, surgeStatus } from '../routing/commands/surge-plans.ts';
import { ROUTING_TOPICS } from '../routing/events.ts';
import type { HandoffFacts } from '../routing/handoff-profile.ts';
import type { RoutingDeps } from '../routing/ports.ts';
import { findQueueEntry } from '../routing/queue-store.ts';
import { workspacesWithWaiting } from '../routing/waiting-store.ts';

interface Subscriber {
  subscribe(topic: string, handler: (event: BusEvent, topic: string) => void | Promise<void>): () => void;
}

/** How often waiting lines are looked at again: aging reorders them, teams open, surge triggers may fire. */
const TICK_MS = 15_000;
/**
 * Hand-offs that arrive together are ranked together: the assigner waits this long after an arrival before its pass,
 * so an angry VIP who handed off a few milliseconds after a regular customer is still served first. Freed capacity
 * is used at once (no wait).
 */
export const ARRIVAL_WINDOW_MS = 400;

/**
 * Routing's reactions to what happens elsewhere, composed here because routing may not import conversations:
 * a hand-off gets its profile (tier, language, channel, sentiment from the bot's brief) and the assigner runs;
 * a conversation that is resolved, closed or handed back frees its agent, who gets the next one at once; an agent
 * coming online gets work; a customer whose tier changed is re-ranked; an agent away or offline past a short grace loses their conversations to the line; an
 * assignment made by hand is recorded so loads stay true; a reopened conversation queues again. A timer re-checks
 * the lines, the absences and the surge triggers.
 */
export function startRoutingEffects(
  ctx: ServiceContext,
  infrastructure: { bus: Subscriber; lock: Lock },
  options: { absenceGraceMs?: number } = {},
): () => void {
  const deps: RoutingDeps = { ctx, lock: infrastructure.lock, conversations: conversationPort(ctx) };
  const graceMs = options.absenceGraceMs ?? ABSENCE_GRACE_MS;
  // An agent who went away or offline: once the grace has passed (checked against the stored presence, so a flap
  // back online within it changes nothing), their conversations go back to the line for someone else.
  const absences = new Map<string, NodeJS.Timeout>();
  const afterAbsence = (workspaceId: string, userId: string) => {
    clearTimeout(absences.get(userId));
    const timer = setTimeout(() => {
      absences.delete(userId);
      void requeueAbsentAgent(deps, { workspaceId, userId, graceMs }).catch((error: unknown) =>
        ctx.logger.warn({ err: error }, 'could not requeue an absent agent’s conversations'),
      );
    }, graceMs + 50);
    timer.unref();
    absences.set(userId, timer);
  };
  const bus = infrastructure.bus;
  const run = async (workspaceId: string) => {
    await evaluateSurgeTriggers(deps, workspaceId);
    await assignWaiting(deps, workspaceId);
    await evaluateSurgeTriggers(deps, workspaceId);
  };
  const gathering = new Map<string, Promise<void>>();
  const afterArrivals = (workspaceId: string): Promise<void> => {
    let pass = gathering.get(workspaceId);
    if (!pass) {
      pass = new Promise<void>((resolve) => setTimeout(resolve, ARRIVAL_WINDOW_MS))
        .then(() => gathering.delete(workspaceId))
        .then(() => run(workspaceId));
      gathering.set(workspaceId, pass);
    }
    return pass;
  };
  const stops = [
    bus.subscribe('conversation.handed_off', async (event) => {
      const { conversationId, brief } = event.payload as { conversationId: string; brief?: HandoffBrief };
      const facts = await factsOf(ctx, event.workspaceId, conversationId, brief);
      if (facts) await describeWaiting(ctx, { workspaceId: event.workspaceId, conversationId, facts });
      if (await keptByBotFirst(deps, event.workspaceId, conversationId, facts)) return;
      await afterArrivals(event.workspaceId);
    }),
    bus.subscribe(ROUTING_TOPICS.queueChanged, async (event) => {
      const payload = event.payload as { change: string; profiled?: boolean };
      // An unprofiled hand-off is routed once its profile arrives with `conversation.handed_off`.
      if (payload.change === 'joined' && payload.profiled) await afterArrivals(event.workspaceId);
    }),
    bus.subscribe(ROUTING_TOPICS.presenceChanged, async (event) => {
      const { status, userId } = event.payload as { status: string; userId: string };
      if (status === 'online') await run(event.workspaceId);
      else afterAbsence(event.workspaceId, userId);
    }),
    bus.subscribe('contact.tier_changed', async (event) => {
      const { contactId, tier } = event.payload as { contactId: string; tier: string };
      const open = await ctx.db
        .selectFrom('conversations')
        .select('id')
        .where('workspace_id', '=', event.workspaceId)
        .where('contact_id', '=', contactId)
        .where('status', 'in', ['queued', 'assigned'])
        .execute();
      await changeWaitingTier(deps, {
        workspaceId: event.workspaceId,
        conversationIds: open.map((c) => c.id),
        tier,
      });
    }),
    bus.subscribe('conversation.updated', async (event) => {
      const { conversation, change } = event.payload as ConversationUpdatedPayload;
      if (!change) return;
      await followConversation(deps, event.workspaceId, conversation, change);
    }),
  ];
  const timer = setInterval(() => {
    void tick(deps, run, graceMs).catch((error: unknown) => ctx.logger.warn({ err: error }, 'routing tick failed'));
  }, TICK_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    for (const absence of absences.values()) clearTimeout(absence);
    for (const stop of stops) stop();
  };
}

/**
 * Bot-first mode (a surge plan's action): while it is on, a hand-off that is neither from a VIP nor from an upset
 * customer goes back to the bot, and the customer reads the plan's announcement. The people left are kept for those
 * who need them most.
 */
async function keptByBotFirst(
  deps: RoutingDeps,
  workspaceId: string,
  conversationId: string,
  facts: HandoffFacts | undefined,
) {
  const entry = await findQueueEntry(deps.ctx.db, workspaceId, conversationId);
  if (!entry) return false;
  const status = await surgeStatus(deps, workspaceId, entry.team);
  if (!status.botFirst) return false;
  const upset = Math.min(facts?.sentiment ?? 0, -(facts?.anger ?? 0)) <= -0.4;
  if (facts?.valueTier === 'vip' || upset) return false;
  const language = (facts?.language ?? 'zh').startsWith('en') ? 'en' : 'zh';
  await deps.conversations.post({
    workspaceId,
    conversationId,
    text: status.botFirst[language],
    private: false,
    key: `surge-botfirst-${conversationId}-${entry.enqueued_at}`,
    authorId: null,
  });
  const moved = await transitionConversation(deps.ctx, {
    workspaceId,
    conversationId,
    to: 'bot',
    actor: { type: 'system', id: 'routing' },
    reason: 'routing:surge_bot_first',
  }).catch(() => undefined);
  return moved !== undefined;
}

async function followConversation(
  deps: RoutingDeps,
  workspaceId: string,
  conversation: ConversationRecord,
  change: NonNullable<ConversationUpdatedPayload['change']>,
) {
  const { to, from } = change;
  if (to === 'assigned' && conversation.assigneeId) {
    await recordAssignment(deps, {
      workspaceId,
      conversationId: conversation.id,
      agentId: conversation.assigneeId,
      team: conversation.team,
    });
    if (from === 'assigned') await assignWaiting(deps, workspaceId);
    return;
  }
  if (to === 'queued') {
    // From the bot, the hand-off enqueues with its team and priority itself; from an agent or a reopened
    // conversation, routing puts it back in line here.
    if (from === 'bot') return;
    // Only an agent letting go frees capacity to use at once; a new or reopened conversation is an arrival, routed
    // after the gathering window by its `queue_changed` (so bot-first and priority apply to it like to a hand-off).
    if (from === 'assigned')
      await releaseConversation(deps, { workspaceId, conversationId: conversation.id, stillWaiting: true });
    if (!(await findQueueEntry(deps.ctx.db, workspaceId, conversation.id))) {
      const facts = await factsOf(deps.ctx, workspaceId, conversation.id, undefined, conversation);
      // Nobody is told this place, so the line is not ranked for it (a burst of new conversations stays linear).
      await joinQueue(
        deps.ctx,
        {
          workspaceId,
          conversationId: conversation.id,
          team: conversation.team ?? 'general',
          priority: conversation.priority,
          reason: from === 'resolved' ? 'reopened' : 'requeued',
          facts: facts ?? {},
        },
        { existing: undefined },
      );
    }
    return;
  }
  if (from === 'assigned' || from === 'queued')
    await releaseConversation(deps, { workspaceId, conversationId: conversation.id });
}

/** Hand-off facts from conversations' own records (contact tier, language, channel) and the bot's brief. */
async function factsOf(
  ctx: ServiceContext,
  workspaceId: string,
  conversationId: string,
  brief: HandoffBrief | undefined,
  known?: ConversationRecord,
): Promise<HandoffFacts | undefined> {
  const conversation =
    known ??
    (await ctx.db
      .selectFrom('conversations')
      .select(['contact_id', 'inbox_id', 'language'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', conversationId)
      .executeTakeFirst()
      .then((row) => (row ? { contactId: row.contact_id, inboxId: row.inbox_id, language: row.language } : undefined)));
  if (!conversation) return undefined;
  const [contact, inboxes] = await Promise.all([
    findContact(ctx.db, workspaceId, conversation.contactId),
    // The same for every conversation of a burst: one read per turn serves them all.
    sharedRead(ctx.db, `inboxes:${workspaceId}`, () => listInboxes(ctx.db, workspaceId)),
  ]);
  const scores = brief?.sentiment.scores ?? [];
  return {
    reason: brief?.reason ?? null,
    intent: brief?.intent ?? null,
    valueTier: contact?.tier ?? 'regular',
    language: conversation.language ?? contact?.locale ?? null,
    channel: inboxes.find((i) => i.id === conversation.inboxId)?.channel ?? 'web_widget',
    sentiment: scores.length ? (scores[scores.length - 1] as number) : 0,
    anger: brief?.sentiment.anger ?? 0,
    botTurns: brief?.turnCount ?? 0,
  };
}

async function tick(deps: RoutingDeps, run: (workspaceId: string) => Promise<void>, graceMs: number) {
  // Absences whose timer was lost (a restart, another process heard the presence change) are caught here.
  for (const { workspaceId, userId } of await absentHolders(deps, graceMs))
    await requeueAbsentAgent(deps, { workspaceId, userId, graceMs });
  for (const workspaceId of await workspacesWithWaiting(deps.ctx.db)) await run(workspaceId);
}
