import type { Kysely } from 'kysely';
import { fromJson, toJson } from '../platform/db/dialect.ts';
import type { Tables } from '../platform/db/tables.ts';
import type { BusinessHours } from './engine/types.ts';

export interface RoutingTeamTable {
  workspace_id: string;
  team: string;
  name: string;
  hours: string | null;
  updated_at: number;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    routing_teams: RoutingTeamTable;
  }
}

export interface TeamRecord {
  team: string;
  name: string;
  hours: BusinessHours | null;
}

export async function listTeams(db: Kysely<Tables>, workspaceId: string): Promise<TeamRecord[]> {
  const rows = await db
    .selectFrom('routing_teams')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('team')
    .execute();
  return rows.map((row) => ({
    team: row.team,
    name: row.name,
    hours: fromJson<BusinessHours | null>(row.hours, null),
  }));
}

export async function saveTeam(db: Kysely<Tables>, workspaceId: string, team: TeamRecord, now: number) {
  const values = { name: team.name, hours: team.hours ? toJson(team.hours) : null, updated_at: now };
  await db
    .insertInto('routing_teams')
    .values({ workspace_id: workspaceId, team: team.team, ...values })
    .onConflict((oc) => oc.columns(['workspace_id', 'team']).doUpdateSet(values))
    .execute();
}
