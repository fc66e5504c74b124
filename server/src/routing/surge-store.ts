import type { Kysely } from 'kysely';
import { fromFlag, fromJson, toFlag, toJson } from '../platform/db/dialect.ts';
import type { Tables } from '../platform/db/tables.ts';
import type { SurgePlanInput } from './schema.ts';

export interface RoutingSurgePlanTable {
  id: string;
  workspace_id: string;
  name: string;
  team: string | null;
  trigger: string;
  actions: string;
  active: number;
  activated_at: number | null;
  activated_by: string | null;
  created_at: number;
  updated_at: number;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    routing_surge_plans: RoutingSurgePlanTable;
  }
}

type Executor = Kysely<Tables>;

export interface SurgePlanRecord extends SurgePlanInput {
  id: string;
  workspaceId: string;
  active: boolean;
  activatedAt: number | null;
  /** `user:<id>`, `trigger:queue_length` … */
  activatedBy: string | null;
  createdAt: number;
  updatedAt: number;
}

function toRecord(row: RoutingSurgePlanTable): SurgePlanRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    team: row.team,
    trigger: fromJson(row.trigger, { kind: 'manual' as const }),
    actions: fromJson(row.actions, {}),
    active: fromFlag(row.active),
    activatedAt: row.activated_at === null ? null : Number(row.activated_at),
    activatedBy: row.activated_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function listSurgePlans(db: Executor, workspaceId: string): Promise<SurgePlanRecord[]> {
  const rows = await db
    .selectFrom('routing_surge_plans')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .execute();
  return rows.map(toRecord);
}

export async function findSurgePlan(db: Executor, workspaceId: string, id: string) {
  const row = await db
    .selectFrom('routing_surge_plans')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function insertSurgePlan(
  db: Executor,
  id: string,
  workspaceId: string,
  input: SurgePlanInput,
  now: number,
) {
  await db
    .insertInto('routing_surge_plans')
    .values({
      id,
      workspace_id: workspaceId,
      name: input.name,
      team: input.team,
      trigger: toJson(input.trigger),
      actions: toJson(input.actions),
      active: 0,
      activated_at: null,
      activated_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function updateSurgePlan(
  db: Executor,
  workspaceId: string,
  id: string,
  input: SurgePlanInput,
  now: number,
) {
  const result = await db
    .updateTable('routing_surge_plans')
    .set({
      name: input.name,
      team: input.team,
      trigger: toJson(input.trigger),
      actions: toJson(input.actions),
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Compare-and-set on `active`: only the caller that flips it gets true, so an activation is announced once. */
export async function setSurgeActive(
  db: Executor,
  workspaceId: string,
  id: string,
  active: boolean,
  by: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('routing_surge_plans')
    .set({
      active: toFlag(active),
      activated_at: active ? now : null,
      activated_by: active ? by : null,
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('active', '=', toFlag(!active))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteSurgePlan(db: Executor, workspaceId: string, id: string) {
  const result = await db
    .deleteFrom('routing_surge_plans')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
