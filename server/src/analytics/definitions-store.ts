import { fromJson, toJson } from '../platform/db/dialect.ts';
import { DEFAULT_DEFINITIONS, type MetricDefinitions, MetricParameters } from './definitions.ts';
import type { Executor } from './executor.ts';

/** The workspace's metric definitions; the defaults until a manager edits them. */
export async function getDefinitions(
  db: Executor,
  workspaceId: string,
): Promise<MetricDefinitions & { rebuiltVersion: number }> {
  const row = await db
    .selectFrom('analytics_definitions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_DEFINITIONS, rebuiltVersion: DEFAULT_DEFINITIONS.version };
  const params = MetricParameters.parse(fromJson(row.params, {}));
  return { ...params, version: row.version, rebuiltVersion: row.rebuilt_version };
}

/** Saves new parameters as the next version; the facts are recomputed by rebuildFacts. */
export async function saveDefinitions(
  db: Executor,
  workspaceId: string,
  params: MetricParameters,
  now: number,
): Promise<MetricDefinitions> {
  const current = await getDefinitions(db, workspaceId);
  const version = current.version + 1;
  await db
    .insertInto('analytics_definitions')
    .values({
      workspace_id: workspaceId,
      params: toJson(params),
      version,
      rebuilt_version: current.rebuiltVersion,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ params: toJson(params), version, updated_at: now }))
    .execute();
  return { ...params, version };
}

export async function markRebuilt(db: Executor, workspaceId: string, version: number): Promise<void> {
  await db
    .updateTable('analytics_definitions')
    .set({ rebuilt_version: version })
    .where('workspace_id', '=', workspaceId)
    .where('version', '=', version)
    .execute();
}
