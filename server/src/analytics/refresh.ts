import { sql } from 'kysely';
import { fromJson, toJson } from '../platform/db/dialect.ts';
import { dayStart, keyString, type RollupKey, rollupKeys } from './buckets.ts';
import type { MetricDefinitions } from './definitions.ts';
import type { Executor } from './executor.ts';
import type { ConversationFact, FoldEvent } from './fact.ts';
import { foldConversation } from './fold.ts';
import { addSums, contributionOf, emptySums, isZero, SUM_COLUMNS, type Sums, tagsOf } from './sums.ts';

/** What a stored fact added to the rollups, kept with it so a later recomputation subtracts exactly that. */
interface Applied {
  day: number;
  sums: Partial<Sums>;
}

type StoredFact = ConversationFact & { applied: Applied };

const CHUNK = 400;

/**
 * Recomputes the facts of these conversations from all their events and moves the rollups by (new − old). Run inside
 * the transaction that also advances the ingestion cursor, so facts and rollups never disagree. Returns how many facts
 * changed.
 */
export async function refreshConversations(
  trx: Executor,
  workspaceId: string,
  conversationIds: readonly string[],
  defs: MetricDefinitions,
): Promise<number> {
  const deltas = new Map<string, { key: RollupKey; sums: Sums }>();
  const changed: StoredFact[] = [];
  for (let i = 0; i < conversationIds.length; i += CHUNK) {
    const ids = conversationIds.slice(i, i + CHUNK);
    const [events, facts] = await Promise.all([loadEvents(trx, workspaceId, ids), loadFacts(trx, workspaceId, ids)]);
    for (const id of ids) {
      const old = facts.get(id);
      const fresh = foldConversation(workspaceId, id, events.get(id) ?? [], defs);
      if (!fresh) continue;
      const day = dayStart(fresh.startedAt, defs.utcOffsetMinutes);
      const sums = contributionOf(fresh, defs);
      const stored: StoredFact = { ...fresh, applied: { day, sums: nonZero(sums) } };
      if (old && sameFact(old, stored)) continue;
      if (old) addDelta(deltas, rollupKeys(old, old.applied.day), { ...emptySums(), ...old.applied.sums }, -1);
      addDelta(deltas, rollupKeys(fresh, day), sums, 1);
      changed.push(stored);
    }
  }
  await writeFacts(trx, changed);
  await applyDeltas(
    trx,
    workspaceId,
    [...deltas.values()].filter((d) => !isZero(d.sums)),
  );
  return changed.length;
}

async function loadEvents(trx: Executor, workspaceId: string, ids: string[]): Promise<Map<string, FoldEvent[]>> {
  const rows = await trx
    .selectFrom('reporting_events')
    .select(['id', 'type', 'at', 'actor_type', 'actor_id', 'data', 'conversation_id'])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', 'in', ids)
    .execute();
  const byConversation = new Map<string, FoldEvent[]>();
  for (const row of rows) {
    const list = byConversation.get(row.conversation_id as string) ?? [];
    list.push({ ...row, at: Number(row.at), data: fromJson<Record<string, unknown>>(row.data, {}) });
    byConversation.set(row.conversation_id as string, list);
  }
  return byConversation;
}

async function loadFacts(trx: Executor, workspaceId: string, ids: string[]): Promise<Map<string, StoredFact>> {
  const rows = await trx
    .selectFrom('analytics_facts')
    .select(['conversation_id', 'fact'])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.conversation_id, JSON.parse(r.fact) as StoredFact]));
}

function sameFact(a: StoredFact, b: StoredFact): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function nonZero(sums: Sums): Partial<Sums> {
  return Object.fromEntries(Object.entries(sums).filter(([, v]) => v !== 0));
}

function addDelta(deltas: Map<string, { key: RollupKey; sums: Sums }>, keys: RollupKey[], sums: Sums, sign: number) {
  for (const key of keys) {
    const id = keyString(key);
    let entry = deltas.get(id);
    if (!entry) {
      entry = { key, sums: emptySums() };
      deltas.set(id, entry);
    }
    addSums(entry.sums, sums, sign);
  }
}

async function writeFacts(trx: Executor, facts: StoredFact[]): Promise<void> {
  for (let i = 0; i < facts.length; i += 200) {
    const rows = facts.slice(i, i + 200).map((f) => ({
      workspace_id: f.workspaceId,
      conversation_id: f.conversationId,
      started_at: f.startedAt,
      ended_at: f.endedAt,
      status: f.status,
      channel: f.channel,
      team: f.team,
      agent: f.agent,
      intent: f.intent,
      language: f.language,
      tier: f.tier,
      bot_failure: f.botFailure,
      definition_version: f.definitionVersion,
      fact: toJson(f),
      tags: tagsOf(f.applied.sums),
    }));
    await trx
      .insertInto('analytics_facts')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'conversation_id']).doUpdateSet((eb) => ({
          started_at: eb.ref('excluded.started_at'),
          ended_at: eb.ref('excluded.ended_at'),
          status: eb.ref('excluded.status'),
          channel: eb.ref('excluded.channel'),
          team: eb.ref('excluded.team'),
          agent: eb.ref('excluded.agent'),
          intent: eb.ref('excluded.intent'),
          language: eb.ref('excluded.language'),
          tier: eb.ref('excluded.tier'),
          bot_failure: eb.ref('excluded.bot_failure'),
          definition_version: eb.ref('excluded.definition_version'),
          fact: eb.ref('excluded.fact'),
          tags: eb.ref('excluded.tags'),
        })),
      )
      .execute();
  }
}

/** Adds the deltas to the rollup rows, creating rows on first touch (an upsert that adds, on both engines). */
async function applyDeltas(trx: Executor, workspaceId: string, deltas: Array<{ key: RollupKey; sums: Sums }>) {
  const adds = Object.fromEntries(
    SUM_COLUMNS.map((c) => [c, sql<number>`${sql.ref(`analytics_rollups.${c}`)} + ${sql.ref(`excluded.${c}`)}`]),
  );
  for (let i = 0; i < deltas.length; i += 200) {
    const rows = deltas.slice(i, i + 200).map(({ key, sums }) => ({
      workspace_id: workspaceId,
      grain: key.grain,
      bucket: key.bucket,
      dim: key.dim,
      dim_value: key.value,
      ...sums,
    }));
    await trx
      .insertInto('analytics_rollups')
      .values(rows)
      .onConflict((oc) => oc.columns(['workspace_id', 'grain', 'dim', 'bucket', 'dim_value']).doUpdateSet(adds))
      .execute();
  }
}
