import type { Kysely, Selectable, Updateable } from 'kysely';
import { fromJson } from '../platform/db/dialect.ts';
import type { Tables } from '../platform/db/tables.ts';
import type { SupportLevel, ValueTier, WaitingConversation } from './engine/types.ts';
import type { QueueEntryTable } from './queue-store.ts';

/** The queue as the engine reads it: queue-store.ts keeps the rows, this turns them into waiting conversations. */
type Executor = Kysely<Tables>;

export interface QueueEntryRecord extends WaitingConversation {
  workspaceId: string;
  reason: string;
  /** The hand-off's own first-cut priority (kept for reports; the engine computes the real one). */
  handoffPriority: number;
  note: string | null;
}

function toRecord(row: Selectable<QueueEntryTable>): QueueEntryRecord {
  return {
    id: row.conversation_id,
    workspaceId: row.workspace_id,
    team: row.team,
    channel: row.channel,
    language: row.language,
    skills: fromJson(row.skills, {}),
    level: Math.min(3, Math.max(1, Number(row.level))) as SupportLevel,
    valueTier: row.value_tier as ValueTier,
    complexity: Number(row.complexity),
    sentiment: Number(row.sentiment),
    enqueuedAt: Number(row.enqueued_at),
    reservedFor: row.reserved_for,
    reason: row.reason,
    handoffPriority: Number(row.priority),
    note: row.note,
  };
}

export async function listWaiting(db: Executor, workspaceId: string, team?: string): Promise<QueueEntryRecord[]> {
  let query = db.selectFrom('queue_entries').selectAll().where('workspace_id', '=', workspaceId);
  if (team) query = query.where('team', '=', team);
  const rows = await query.orderBy('enqueued_at').execute();
  return rows.map(toRecord);
}

/** Beyond this many agents, reservations are read whatever agent they name (a shorter query), then sifted here. */
const MAX_NAMED_AGENTS = 100;

/**
 * The waiting conversations within this reach (engine/eligibility.ts reachOf): on one of its channels, and reserved
 * for one of its agents or, unreserved, in one of its teams' lines. In line order.
 */
export async function listWaitingReachable(
  db: Executor,
  workspaceId: string,
  reach: { channels: readonly string[]; teams: readonly string[]; agentIds: readonly string[] },
): Promise<QueueEntryRecord[]> {
  // No channel with room means no agent with room: nothing is within reach.
  if (reach.channels.length === 0 || reach.agentIds.length === 0) return [];
  const named = reach.agentIds.length <= MAX_NAMED_AGENTS;
  const rows = await db
    .selectFrom('queue_entries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('channel', 'in', reach.channels)
    .where((eb) => {
      const reserved = named ? eb('reserved_for', 'in', reach.agentIds) : eb('reserved_for', 'is not', null);
      if (reach.teams.length === 0) return reserved;
      return eb.or([eb.and([eb('reserved_for', 'is', null), eb('team', 'in', reach.teams)]), reserved]);
    })
    .orderBy('enqueued_at')
    .execute();
  if (named) return rows.map(toRecord);
  const agents = new Set(reach.agentIds);
  const within: QueueEntryRecord[] = [];
  for (const row of rows) if (row.reserved_for === null || agents.has(row.reserved_for)) within.push(toRecord(row));
  return within;
}

export async function findWaiting(db: Executor, workspaceId: string, conversationId: string) {
  const row = await db
    .selectFrom('queue_entries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function updateWaiting(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  change: Updateable<QueueEntryTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('queue_entries')
    .set(change)
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Workspaces with someone waiting (the periodic pass looks only at these). */
export async function workspacesWithWaiting(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('queue_entries').select('workspace_id').distinct().execute();
  return rows.map((row) => row.workspace_id);
}
