import { CompiledQuery } from 'kysely';
import { engineOf, fromJson, toJson } from '../platform/db/dialect.ts';
import { dayStart, keyString, type RollupKey, rollupKeys } from './buckets.ts';
import type { MetricDefinitions } from './definitions.ts';
import type { Executor } from './executor.ts';
import type { ConversationFact, FoldEvent } from './fact.ts';
import { foldConversation } from './fold.ts';
import { contributionOf, SUM_COLUMNS, type Sums, tagsOf } from './sums.ts';

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
  inHand?: ReadonlyMap<string, FoldEvent[]>,
): Promise<number> {
  const deltas = new Map<string, Delta>();
  const changed: StoredFact[] = [];
  for (let i = 0; i < conversationIds.length; i += CHUNK) {
    const ids = conversationIds.slice(i, i + CHUNK);
    const facts = await loadFacts(trx, workspaceId, ids);
    // A conversation with no fact yet has had none of its events folded, so the caller's batch (which starts at the
    // look-back) holds every event of it ingestion has reached; later ones refresh it again, from the table. Only an
    // event committed later than the look-back allows is missed, as it would be without any later event anyway.
    // Re-reading would fetch the batch's own rows again: half the work of a bulk load.
    const unseen = new Set(inHand ? ids.filter((id) => !facts.has(id) && inHand.has(id)) : []);
    const events = await loadEvents(
      trx,
      workspaceId,
      ids.filter((id) => !unseen.has(id)),
    );
    for (const id of unseen) events.set(id, inHand?.get(id) ?? []);
    for (const id of ids) {
      const old = facts.get(id);
      const fresh = foldConversation(workspaceId, id, events.get(id) ?? [], defs);
      if (!fresh) continue;
      const day = dayStart(fresh.startedAt, defs.utcOffsetMinutes);
      const sums = contributionOf(fresh, defs);
      const stored: StoredFact = { ...fresh, applied: { day, sums: nonZero(sums) } };
      if (old && sameFact(old, stored)) continue;
      if (old) addDelta(deltas, rollupKeys(old, old.applied.day), vectorOf(old.applied.sums), -1);
      addDelta(deltas, rollupKeys(fresh, day), vectorOf(sums), 1);
      changed.push(stored);
    }
  }
  await writeFacts(trx, changed);
  await applyDeltas(
    trx,
    workspaceId,
    [...deltas.values()].filter((d) => d.sums.some((v) => v !== 0)),
  );
  return changed.length;
}

async function loadEvents(trx: Executor, workspaceId: string, ids: string[]): Promise<Map<string, FoldEvent[]>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('reporting_events')
    .select(['id', 'type', 'at', 'actor_type', 'actor_id', 'data', 'conversation_id', 'workspace_id'])
    .where('conversation_id', 'in', ids)
    .execute();
  const byConversation = new Map<string, FoldEvent[]>();
  for (const row of rows) {
    // Filtered here, not in SQL: with the workspace in the WHERE clause SQLite may pick the (workspace, at) index and
    // scan the workspace's whole history for every chunk instead of looking the conversations up.
    if (row.workspace_id !== workspaceId) continue;
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

/** A rollup row's change: the counters in SUM_COLUMNS order (plain numbers, not objects: ingestion adds millions). */
interface Delta {
  key: RollupKey;
  sums: Float64Array;
}

function vectorOf(sums: Partial<Sums>): Float64Array {
  const vector = new Float64Array(SUM_COLUMNS.length);
  SUM_COLUMNS.forEach((column, i) => {
    vector[i] = sums[column] ?? 0;
  });
  return vector;
}

function addDelta(deltas: Map<string, Delta>, keys: RollupKey[], sums: Float64Array, sign: number) {
  for (const key of keys) {
    const id = keyString(key);
    let entry = deltas.get(id);
    if (!entry) {
      entry = { key, sums: new Float64Array(SUM_COLUMNS.length) };
      deltas.set(id, entry);
    }
    const into = entry.sums;
    for (let i = 0; i < sums.length; i++) into[i] = (into[i] as number) + sign * (sums[i] as number);
  }
}

const FACT_COLUMNS = [
  'workspace_id',
  'conversation_id',
  'started_at',
  'ended_at',
  'status',
  'channel',
  'team',
  'agent',
  'intent',
  'language',
  'tier',
  'bot_failure',
  'definition_version',
  'fact',
  'tags',
] as const;
const FACTS_PER_STATEMENT = 200;

/** The facts upsert for `rows` rows, written by hand and kept per engine and size like the rollup upsert below. */
function factUpsert(engine: 'sqlite' | 'postgres', rows: number): string {
  const key = `facts:${engine}:${rows}`;
  let text = upsertSql.get(key);
  if (text) return text;
  let n = 0;
  const placeholder = () => (engine === 'postgres' ? `$${++n}` : '?');
  const values = Array.from({ length: rows }, () => `(${FACT_COLUMNS.map(placeholder).join(',')})`).join(',');
  const sets = FACT_COLUMNS.slice(2)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  text = `insert into analytics_facts (${FACT_COLUMNS.join(',')}) values ${values}
    on conflict (workspace_id, conversation_id) do update set ${sets}`;
  upsertSql.set(key, text);
  return text;
}

async function writeFacts(trx: Executor, facts: StoredFact[]): Promise<void> {
  const engine = engineOf(trx);
  for (let i = 0; i < facts.length; i += FACTS_PER_STATEMENT) {
    const chunk = facts.slice(i, i + FACTS_PER_STATEMENT);
    const parameters: unknown[] = [];
    for (const f of chunk) {
      parameters.push(
        f.workspaceId,
        f.conversationId,
        f.startedAt,
        f.endedAt,
        f.status,
        f.channel,
        f.team,
        f.agent,
        f.intent,
        f.language,
        f.tier,
        f.botFailure,
        f.definitionVersion,
        toJson(f),
        tagsOf(f.applied.sums),
      );
    }
    await trx.executeQuery(CompiledQuery.raw(factUpsert(engine, chunk.length), parameters));
  }
}

const KEY_COLUMNS = ['workspace_id', 'grain', 'bucket', 'dim', 'dim_value'] as const;
const ROLLUP_COLUMNS = [...KEY_COLUMNS, ...SUM_COLUMNS];
const ROWS_PER_STATEMENT = 100;
const upsertSql = new Map<string, string>();

/**
 * The rollup upsert's SQL for `rows` rows, built once per engine and size. Written by hand rather than through the
 * query builder: compiling ~5,000 parameters per statement cost more than running it.
 */
function rollupUpsert(engine: 'sqlite' | 'postgres', rows: number): string {
  const key = `${engine}:${rows}`;
  let text = upsertSql.get(key);
  if (text) return text;
  let n = 0;
  const placeholder = () => (engine === 'postgres' ? `$${++n}` : '?');
  const values = Array.from({ length: rows }, () => `(${ROLLUP_COLUMNS.map(placeholder).join(',')})`).join(',');
  const adds = SUM_COLUMNS.map((c) => `${c} = analytics_rollups.${c} + excluded.${c}`).join(', ');
  text = `insert into analytics_rollups (${ROLLUP_COLUMNS.join(',')}) values ${values}
    on conflict (workspace_id, grain, dim, bucket, dim_value) do update set ${adds}`;
  upsertSql.set(key, text);
  return text;
}

/** Adds the deltas to the rollup rows, creating rows on first touch (an upsert that adds, on both engines). */
async function applyDeltas(trx: Executor, workspaceId: string, deltas: Delta[]) {
  const engine = engineOf(trx);
  for (let i = 0; i < deltas.length; i += ROWS_PER_STATEMENT) {
    const chunk = deltas.slice(i, i + ROWS_PER_STATEMENT);
    const parameters: unknown[] = [];
    for (const { key, sums } of chunk) {
      parameters.push(workspaceId, key.grain, key.bucket, key.dim, key.value);
      for (const value of sums) parameters.push(value);
    }
    await trx.executeQuery(CompiledQuery.raw(rollupUpsert(engine, chunk.length), parameters));
  }
}
