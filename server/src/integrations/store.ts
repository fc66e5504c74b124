import type { Kysely, Selectable } from 'kysely';
import { fromJson } from '../platform/db/dialect.ts';
import { queryTemplate } from '../platform/db/query-template.ts';
import type { Tables } from '../platform/db/tables.ts';

export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookEndpointTable {
  id: string;
  workspace_id: string;
  url: string;
  secret: string;
  events: string;
  enabled: number;
  created_at: number;
}

export interface WebhookDeliveryTable {
  id: string;
  workspace_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    webhook_endpoints: WebhookEndpointTable;
    webhook_deliveries: WebhookDeliveryTable;
  }
}

type Executor = Kysely<Tables>;

export const endpointEvents = (row: Pick<WebhookEndpointTable, 'events'>) => fromJson<string[]>(row.events, []);

export async function listEndpoints(db: Executor, workspaceId: string) {
  return (await endpointsOf(db, { workspaceId })).rows;
}

// Every bus event (each message among them) looks its endpoints up: compiled once (see queryTemplate).
const endpointsOf = queryTemplate<{ workspaceId: string }, Selectable<WebhookEndpointTable>>((db, p) =>
  db.selectFrom('webhook_endpoints').selectAll().where('workspace_id', '=', p('workspaceId')).orderBy('id'),
);

export function findEndpoint(db: Executor, workspaceId: string, id: string) {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertEndpoint(db: Executor, row: WebhookEndpointTable) {
  await db.insertInto('webhook_endpoints').values(row).execute();
}

export async function deleteEndpoint(db: Executor, workspaceId: string, id: string) {
  const result = await db
    .deleteFrom('webhook_endpoints')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Records a delivery to make; false when this event was already recorded for the endpoint. */
export async function insertDelivery(db: Executor, row: WebhookDeliveryTable) {
  const result = await db
    .insertInto('webhook_deliveries')
    .values(row)
    .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findDelivery(db: Executor, workspaceId: string, id: string) {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateDelivery(
  db: Executor,
  workspaceId: string,
  id: string,
  change: Pick<WebhookDeliveryTable, 'status' | 'attempts' | 'last_status' | 'last_error' | 'updated_at'>,
) {
  await db
    .updateTable('webhook_deliveries')
    .set(change)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export function listDeliveries(
  db: Executor,
  workspaceId: string,
  filter: { status?: DeliveryStatus; endpointId?: string; limit?: number },
) {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.endpointId) query = query.where('endpoint_id', '=', filter.endpointId);
  return query
    .orderBy('id', 'desc')
    .limit(Math.min(filter.limit ?? 50, 200))
    .execute();
}
