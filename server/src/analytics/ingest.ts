import { decodeTime, encodeTime } from 'ulid';
import type { Clock } from '../platform/clock.ts';
import { fromJson } from '../platform/db/dialect.ts';
import { getDefinitions } from './definitions-store.ts';
import type { Executor } from './executor.ts';
import type { FoldEvent } from './fact.ts';
import { str } from './fold-parts.ts';
import { refreshConversations } from './refresh.ts';

export interface IngestOptions {
  /** Events read per transaction. */
  batchSize?: number;
  /**
   * How far behind the cursor each run looks again. Event ids carry the appending process's clock and are drawn
   * before the commit, so an event can land behind the cursor: a process whose clock is slow, or a transaction that
   * committed late. Re-reading a window is harmless because recomputing a fact is idempotent.
   */
  lookbackMs?: number;
  /** Stop after this many batches (keeps one scheduled run bounded). */
  maxBatches?: number;
}

export interface IngestResult {
  events: number;
  conversations: number;
  batches: number;
  /** True when another ingester moved the cursor first; this run did nothing. */
  lostRace: boolean;
}

const CURSOR = 'reporting_events';
const ID_PREFIX = 'evt_';

/** Folds new reporting events into facts and rollups. Safe to run from several processes: one wins each batch. */
export async function ingestReportingEvents(
  ctx: { db: Executor; clock: Clock },
  options: IngestOptions = {},
): Promise<IngestResult> {
  const batchSize = options.batchSize ?? 5_000;
  const lookbackMs = options.lookbackMs ?? 5 * 60_000;
  const result: IngestResult = { events: 0, conversations: 0, batches: 0, lostRace: false };
  const start = await readCursor(ctx.db, ctx.clock.now());
  let after = lookbackFrom(start.lastId, lookbackMs);
  let version = start.version;
  let lastId = start.lastId;
  while (result.batches < (options.maxBatches ?? Number.POSITIVE_INFINITY)) {
    const events = await ctx.db
      .selectFrom('reporting_events')
      .select(['id', 'workspace_id', 'conversation_id', 'type', 'actor_type', 'actor_id', 'data', 'at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (events.length === 0) break;
    const maxId = (events[events.length - 1] as { id: string }).id;
    // The look-back re-reads ids behind the cursor: the cursor itself never moves back.
    let nextLast = lastId;
    if (maxId > lastId) nextLast = maxId;
    const applied = await ctx.db.transaction().execute(async (trx) => {
      // Compare-and-set first: on PostgreSQL the row lock makes a concurrent ingester wait, then find it moved.
      const moved = await trx
        .updateTable('analytics_cursor')
        .set({ last_id: nextLast, version: version + 1, updated_at: ctx.clock.now() })
        .where('name', '=', CURSOR)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return undefined;
      return applyEvents(trx, events);
    });
    if (applied === undefined) {
      result.lostRace = true;
      break;
    }
    version += 1;
    lastId = nextLast;
    after = maxId;
    result.events += events.length;
    result.conversations += applied;
    result.batches += 1;
    if (events.length < batchSize) break;
  }
  return result;
}

type EventRow = {
  id: string;
  workspace_id: string;
  conversation_id: string | null;
  type: string;
  actor_type: string;
  actor_id: string | null;
  data: string;
  at: number;
};

async function applyEvents(trx: Executor, events: EventRow[]): Promise<number> {
  // workspace → conversation → its events in this batch (handed to refresh, which folds new conversations from them).
  const touched = new Map<string, Map<string, FoldEvent[]>>();
  const markers: EventRow[] = [];
  for (const event of events) {
    if (event.type === 'bot.version_changed') markers.push(event);
    if (!event.conversation_id) continue;
    let conversations = touched.get(event.workspace_id);
    if (!conversations) {
      conversations = new Map();
      touched.set(event.workspace_id, conversations);
    }
    let list = conversations.get(event.conversation_id);
    if (!list) {
      list = [];
      conversations.set(event.conversation_id, list);
    }
    list.push({ ...event, at: Number(event.at), data: fromJson<Record<string, unknown>>(event.data, {}) });
  }
  await saveMarkers(trx, markers);
  let changed = 0;
  for (const [workspaceId, conversations] of touched) {
    const defs = await getDefinitions(trx, workspaceId);
    changed += await refreshConversations(trx, workspaceId, [...conversations.keys()], defs, conversations);
  }
  return changed;
}

/** Knowledge-base and model changes, kept for the post-mortem's before/after comparison. */
async function saveMarkers(trx: Executor, markers: EventRow[]): Promise<void> {
  for (const marker of markers) {
    const data = fromJson<Record<string, unknown>>(marker.data, {});
    await trx
      .insertInto('analytics_markers')
      .values({
        id: marker.id,
        workspace_id: marker.workspace_id,
        kind: str(data.kind) || 'knowledge',
        version: str(data.version).slice(0, 200),
        note: str(data.note).slice(0, 1000),
        at: Number(marker.at),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

async function readCursor(db: Executor, now: number): Promise<{ lastId: string; version: number }> {
  await db
    .insertInto('analytics_cursor')
    .values({ name: CURSOR, last_id: '', version: 0, updated_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('analytics_cursor').selectAll().where('name', '=', CURSOR).executeTakeFirstOrThrow();
  return { lastId: row.last_id, version: Number(row.version) };
}

/** The smallest id an event appended `lookbackMs` before the cursor's event could have. */
export function lookbackFrom(lastId: string, lookbackMs: number): string {
  if (!lastId.startsWith(ID_PREFIX)) return lastId;
  let time: number;
  try {
    time = decodeTime(lastId.slice(ID_PREFIX.length).toUpperCase());
  } catch {
    return lastId;
  }
  return `${ID_PREFIX}${encodeTime(Math.max(0, time - lookbackMs), 10).toLowerCase()}`;
}
