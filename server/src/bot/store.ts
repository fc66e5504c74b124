import type { Kysely } from 'kysely';
import { fromJson, toJson } from '../platform/db/dialect.ts';
import { queryTemplate } from '../platform/db/query-template.ts';
import type { Tables } from '../platform/db/tables.ts';
import { type BotState, reviveBotState } from './context.ts';

/** The tables the bot owns: per-workspace configuration, flows, and the dialogue state of each conversation. */
export interface BotConfigTable {
  workspace_id: string;
  enabled: number;
  settings: string;
  intents: string;
  version: number;
  updated_at: number;
}

export interface BotFlowTable {
  id: string;
  workspace_id: string;
  intent: string;
  definition: string;
  enabled: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface BotStateTable {
  conversation_id: string;
  workspace_id: string;
  state: string;
  version: number;
  updated_at: number;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    bot_configs: BotConfigTable;
    bot_flows: BotFlowTable;
    bot_states: BotStateTable;
  }
}

export type Executor = Kysely<Tables>;

export async function findBotConfig(db: Executor, workspaceId: string) {
  return db.selectFrom('bot_configs').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** The version of the configuration and of the newest flow: a cheap check whether a cached bot is stale. */
export async function configVersion(db: Executor, workspaceId: string): Promise<string> {
  const config = await db
    .selectFrom('bot_configs')
    .select(['version', 'enabled'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  const flows = await db
    .selectFrom('bot_flows')
    .select((eb) => [eb.fn.max<number>('updated_at').as('latest'), eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return `${config?.version ?? 0}:${config?.enabled ?? 0}:${flows?.latest ?? 0}:${flows?.n ?? 0}`;
}

export async function saveBotConfig(
  db: Executor,
  row: { workspaceId: string; enabled: boolean; settings: unknown; intents: unknown; now: number },
): Promise<void> {
  await db
    .insertInto('bot_configs')
    .values({
      workspace_id: row.workspaceId,
      enabled: row.enabled ? 1 : 0,
      settings: toJson(row.settings),
      intents: toJson(row.intents),
      version: 1,
      updated_at: row.now,
    })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet((eb) => ({
        enabled: row.enabled ? 1 : 0,
        settings: toJson(row.settings),
        intents: toJson(row.intents),
        version: eb('bot_configs.version', '+', 1),
        updated_at: row.now,
      })),
    )
    .execute();
}

export async function listFlows(db: Executor, workspaceId: string) {
  return db.selectFrom('bot_flows').selectAll().where('workspace_id', '=', workspaceId).orderBy('intent').execute();
}

export async function saveFlow(
  db: Executor,
  row: { id: string; workspaceId: string; intent: string; definition: unknown; enabled: boolean; now: number },
): Promise<void> {
  await db
    .insertInto('bot_flows')
    .values({
      id: row.id,
      workspace_id: row.workspaceId,
      intent: row.intent,
      definition: toJson(row.definition),
      enabled: row.enabled ? 1 : 0,
      version: 1,
      created_at: row.now,
      updated_at: row.now,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'intent']).doUpdateSet((eb) => ({
        definition: toJson(row.definition),
        enabled: row.enabled ? 1 : 0,
        version: eb('bot_flows.version', '+', 1),
        updated_at: row.now,
      })),
    )
    .execute();
}

export async function deleteFlow(db: Executor, workspaceId: string, intent: string): Promise<boolean> {
  const result = await db
    .deleteFrom('bot_flows')
    .where('workspace_id', '=', workspaceId)
    .where('intent', '=', intent)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface StoredState {
  state: BotState;
  /** 0 when the conversation has no state yet. */
  version: number;
}

export async function loadState(db: Executor, workspaceId: string, conversationId: string): Promise<StoredState> {
  const row = (await stateOf(db, { conversationId, workspaceId })).rows[0];
  if (!row) return { state: reviveBotState(null), version: 0 };
  return { state: reviveBotState(fromJson(row.state, null)), version: row.version };
}

/**
 * Compare-and-set: writes the state only if nobody saved since `expectedVersion` was read. False when another turn
 * of the same conversation won; the caller reads again and decides again.
 */
export async function saveState(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  state: BotState,
  expectedVersion: number,
  now: number,
): Promise<boolean> {
  const params = {
    conversationId,
    workspaceId,
    state: toJson(state),
    expectedVersion,
    nextVersion: expectedVersion + 1,
    now,
  };
  const result = expectedVersion === 0 ? await insertState(db, params) : await updateState(db, params);
  return Number(result.numAffectedRows ?? 0) > 0;
}

// Every bot turn reads and writes its state: the statements are built and compiled once (see queryTemplate).
type StateKey = { conversationId: string; workspaceId: string };
type StateWrite = StateKey & { state: string; expectedVersion: number; nextVersion: number; now: number };

const stateOf = queryTemplate<StateKey, Pick<BotStateTable, 'state' | 'version'>>((db, p) =>
  db
    .selectFrom('bot_states')
    .select(['state', 'version'])
    .where('conversation_id', '=', p('conversationId'))
    .where('workspace_id', '=', p('workspaceId')),
);

const insertState = queryTemplate<StateWrite, never>((db, p) =>
  db
    .insertInto('bot_states')
    .values({
      conversation_id: p('conversationId'),
      workspace_id: p('workspaceId'),
      state: p('state'),
      version: 1,
      updated_at: p('now'),
    })
    .onConflict((oc) => oc.column('conversation_id').doNothing()),
);

const updateState = queryTemplate<StateWrite, never>((db, p) =>
  db
    .updateTable('bot_states')
    .set({ state: p('state'), version: p('nextVersion'), updated_at: p('now') })
    .where('conversation_id', '=', p('conversationId'))
    .where('workspace_id', '=', p('workspaceId'))
    .where('version', '=', p('expectedVersion')),
);
