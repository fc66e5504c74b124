import type { Kysely } from 'kysely';
import { fromJson, toJson } from '../platform/db/dialect.ts';
import type { Tables } from '../platform/db/tables.ts';
import type { AgentState, SupportLevel } from './engine/types.ts';
import type { AgentProfileInput } from './schema.ts';

export interface RoutingAgentTable {
  workspace_id: string;
  user_id: string;
  skills: string;
  languages: string;
  teams: string;
  level: number;
  last_assigned_at: number;
  updated_at: number;
}

export interface RoutingAgentLoadTable {
  workspace_id: string;
  user_id: string;
  channel: string;
  capacity: number;
  load: number;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    routing_agents: RoutingAgentTable;
    routing_agent_load: RoutingAgentLoadTable;
  }
}

type Executor = Kysely<Tables>;

export interface AgentProfile extends AgentProfileInput {
  userId: string;
  lastAssignedAt: number;
  load: Record<string, number>;
}

export async function listAgentProfiles(db: Executor, workspaceId: string): Promise<AgentProfile[]> {
  const [rows, loads] = await Promise.all([
    db.selectFrom('routing_agents').selectAll().where('workspace_id', '=', workspaceId).orderBy('user_id').execute(),
    db.selectFrom('routing_agent_load').selectAll().where('workspace_id', '=', workspaceId).execute(),
  ]);
  const byUser = new Map<string, RoutingAgentLoadTable[]>();
  for (const load of loads) byUser.set(load.user_id, [...(byUser.get(load.user_id) ?? []), load]);
  return rows.map((row) => {
    const channels = byUser.get(row.user_id) ?? [];
    return {
      userId: row.user_id,
      skills: fromJson(row.skills, {}),
      languages: fromJson(row.languages, []),
      teams: fromJson(row.teams, []),
      level: row.level as SupportLevel,
      capacity: {
        web_widget: channels.find((c) => c.channel === 'web_widget')?.capacity ?? 0,
        api: channels.find((c) => c.channel === 'api')?.capacity ?? 0,
      },
      load: Object.fromEntries(channels.map((c) => [c.channel, Number(c.load)])),
      lastAssignedAt: Number(row.last_assigned_at),
    };
  });
}

export async function findAgentProfile(db: Executor, workspaceId: string, userId: string) {
  return (await listAgentProfiles(db, workspaceId)).find((a) => a.userId === userId);
}

/** Saves what the agent can do; the load counters keep their value, only the capacity changes. */
export async function saveAgentProfile(
  db: Executor,
  workspaceId: string,
  userId: string,
  input: AgentProfileInput,
  now: number,
) {
  const values = {
    skills: toJson(input.skills),
    languages: toJson(input.languages),
    teams: toJson(input.teams),
    level: input.level,
    updated_at: now,
  };
  await db
    .insertInto('routing_agents')
    .values({ workspace_id: workspaceId, user_id: userId, last_assigned_at: 0, ...values })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet(values))
    .execute();
  for (const [channel, capacity] of Object.entries(input.capacity)) {
    await db
      .insertInto('routing_agent_load')
      .values({ workspace_id: workspaceId, user_id: userId, channel, capacity, load: 0 })
      .onConflict((oc) => oc.columns(['workspace_id', 'user_id', 'channel']).doUpdateSet({ capacity }))
      .execute();
  }
}

export function toAgentState(profile: AgentProfile, online: boolean): AgentState {
  return {
    id: profile.userId,
    online,
    skills: profile.skills,
    languages: profile.languages,
    teams: profile.teams,
    level: profile.level,
    capacity: profile.capacity,
    load: profile.load,
    lastAssignedAt: profile.lastAssignedAt,
  };
}
