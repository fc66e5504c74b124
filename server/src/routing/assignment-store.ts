import type { ColumnType, Kysely, Selectable, Transaction } from 'kysely';
import { isUniqueViolation, toJson } from '../platform/db/dialect.ts';
import type { Tables } from '../platform/db/tables.ts';

export interface RoutingAssignmentTable {
  conversation_id: string;
  workspace_id: string;
  user_id: string;
  channel: string;
  team: string;
  /** 1 when the agent's load counter was raised for it (released on the way out). */
  counted: number;
  enqueued_at: number;
  assigned_at: number;
  /** How it came: `auto`, `pick`, `transfer`, `reassign`, `take_over`, `manual`. */
  via: string;
  /** JSON copy of the waiting profile (tier, language, skills, level, sentiment, complexity). */
  profile: ColumnType<string, string | undefined, string>;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    routing_assignments: RoutingAssignmentTable;
  }
}

type Executor = Kysely<Tables>;

/** The claim lost: someone else took the conversation, or the agent filled up, between read and write. */
class LostClaim extends Error {}

export interface Claim {
  workspaceId: string;
  conversationId: string;
  userId: string;
  channel: string;
  team: string;
  enqueuedAt: number;
  via: string;
  now: number;
  /** Take the conversation out of the queue as part of the claim (false: it is held already, e.g. a reassign). */
  fromQueue: boolean;
  /** Respect capacity (false for a person's explicit decision: a supervisor's take-over). */
  capped: boolean;
  profile?: WaitingProfileCopy;
}

/** What a holding remembers of the conversation's waiting profile. */
export interface WaitingProfileCopy {
  valueTier: string;
  language: string | null;
  skills: Record<string, number>;
  level: number;
  complexity: number;
  sentiment: number;
}

/**
 * The exactly-once step, in one transaction: the queue entry goes (only one claimer can delete it), the agent's
 * load rises only while below capacity (compare-and-set), and the assignment row's primary key refuses a second
 * holder. Any of the three failing rolls everything back and the claim is lost. Safe across processes and engines
 * without a lock; the assigner's lock only keeps the line's order.
 */
export async function claimConversation(db: Executor, claim: Claim): Promise<boolean> {
  try {
    await db.transaction().execute(async (trx) => {
      if (claim.fromQueue) {
        const removed = await trx
          .deleteFrom('queue_entries')
          .where('workspace_id', '=', claim.workspaceId)
          .where('conversation_id', '=', claim.conversationId)
          .executeTakeFirst();
        if (Number(removed.numDeletedRows) !== 1) throw new LostClaim();
      }
      await raiseLoad(trx, claim);
      await trx
        .insertInto('routing_assignments')
        .values({
          conversation_id: claim.conversationId,
          workspace_id: claim.workspaceId,
          user_id: claim.userId,
          channel: claim.channel,
          team: claim.team,
          counted: 1,
          enqueued_at: claim.enqueuedAt,
          assigned_at: claim.now,
          via: claim.via,
          profile: toJson(claim.profile ?? {}),
        })
        .execute();
      await trx
        .updateTable('routing_agents')
        .set({ last_assigned_at: claim.now })
        .where('workspace_id', '=', claim.workspaceId)
        .where('user_id', '=', claim.userId)
        .execute();
    });
    return true;
  } catch (error) {
    if (error instanceof LostClaim || isUniqueViolation(error)) return false;
    throw error;
  }
}

async function raiseLoad(trx: Transaction<Tables>, claim: Claim) {
  let query = trx
    .updateTable('routing_agent_load')
    .set((eb) => ({ load: eb('load', '+', 1) }))
    .where('workspace_id', '=', claim.workspaceId)
    .where('user_id', '=', claim.userId)
    .where('channel', '=', claim.channel);
  if (claim.capped) query = query.where((eb) => eb('load', '<', eb.ref('capacity')));
  const raised = await query.executeTakeFirst();
  if (Number(raised.numUpdatedRows) === 1) return;
  if (claim.capped) throw new LostClaim();
  // An uncapped claim for an agent without a profile on this channel: start their counter.
  await trx
    .insertInto('routing_agent_load')
    .values({ workspace_id: claim.workspaceId, user_id: claim.userId, channel: claim.channel, capacity: 0, load: 1 })
    .execute();
}

/** Ends a holding (resolved, closed, back to queue or bot, moved to someone else) and frees the capacity once. */
export async function releaseConversation(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  onlyUserId?: string,
): Promise<Selectable<RoutingAssignmentTable> | undefined> {
  return db.transaction().execute(async (trx) => {
    let query = trx
      .deleteFrom('routing_assignments')
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId);
    if (onlyUserId) query = query.where('user_id', '=', onlyUserId);
    const removed = await query.returningAll().executeTakeFirst();
    if (!removed) return undefined;
    if (removed.counted === 1) {
      await trx
        .updateTable('routing_agent_load')
        .set((eb) => ({ load: eb('load', '-', 1) }))
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', removed.user_id)
        .where('channel', '=', removed.channel)
        .where('load', '>', 0)
        .execute();
    }
    return removed;
  });
}

export async function findAssignment(db: Executor, workspaceId: string, conversationId: string) {
  return db
    .selectFrom('routing_assignments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
}

export async function listAssignments(db: Executor, workspaceId: string, userId?: string) {
  let query = db.selectFrom('routing_assignments').selectAll().where('workspace_id', '=', workspaceId);
  if (userId) query = query.where('user_id', '=', userId);
  return query.orderBy('assigned_at').execute();
}
