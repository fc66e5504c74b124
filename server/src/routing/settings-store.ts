import type { Kysely } from 'kysely';
import { fromJson, toJson } from '../platform/db/dialect.ts';
import type { Tables } from '../platform/db/tables.ts';
import { DEFAULT_PRIORITY_PARAMS, DEFAULT_WEIGHTS } from './engine/priority.ts';
import type { PriorityParams } from './engine/types.ts';
import type { RoutingSettings } from './schema.ts';

export interface RoutingSettingsTable {
  workspace_id: string;
  settings: string;
  updated_at: number;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    routing_settings: RoutingSettingsTable;
  }
}

/** What a workspace starts with: best match, angry and valuable first, 60 s widget target, complaints need the skill. */
export const DEFAULT_SETTINGS: RoutingSettings = {
  strategy: 'best_match',
  weights: DEFAULT_WEIGHTS,
  agingSeconds: DEFAULT_PRIORITY_PARAMS.agingSeconds,
  slaSeconds: { default: 120, web_widget: 60, api: 300 },
  tierValue: DEFAULT_PRIORITY_PARAMS.tierValue,
  serviceLevelSeconds: 60,
  levelTeams: {},
  skillRules: [
    { reason: 'complaint', skills: { complaints: 1 }, level: 2 },
    { reason: 'negative_sentiment', skills: { complaints: 1 } },
  ],
  defaultCapacity: { web_widget: 3, api: 2 },
};

export async function loadSettings(db: Kysely<Tables>, workspaceId: string): Promise<RoutingSettings> {
  const row = await db
    .selectFrom('routing_settings')
    .select('settings')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return { ...DEFAULT_SETTINGS, ...fromJson<Partial<RoutingSettings>>(row?.settings, {}) };
}

export async function saveSettings(db: Kysely<Tables>, workspaceId: string, settings: RoutingSettings, now: number) {
  await db
    .insertInto('routing_settings')
    .values({ workspace_id: workspaceId, settings: toJson(settings), updated_at: now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ settings: toJson(settings), updated_at: now }))
    .execute();
}

export function priorityParams(settings: RoutingSettings): PriorityParams {
  return {
    weights: settings.weights,
    agingSeconds: settings.agingSeconds,
    slaSeconds: settings.slaSeconds,
    tierValue: settings.tierValue,
  };
}
