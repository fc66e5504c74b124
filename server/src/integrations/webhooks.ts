import type { BusEvent } from '../platform/bus/bus.ts';
import type { ServiceContext } from '../platform/context.ts';
import { toJson } from '../platform/db/dialect.ts';
import { newId } from '../platform/ids.ts';
import { errorMessage, type JobInfo, type JobQueue } from '../platform/jobs/job-queue.ts';
import { SIGNATURE_HEADER, signBody } from '../security/signature.ts';
import { type CachedEndpoint, ENDPOINTS_CHANGED, endpointsFor, forgetEndpoints } from './endpoint-cache.ts';
import { findDelivery, findEndpoint, insertDelivery, updateDelivery } from './store.ts';

/** Events an endpoint may subscribe to. */
export const WEBHOOK_EVENTS = [
  'message.created',
  'conversation.updated',
  'conversation.handed_off',
  'conversation.resolved',
  'survey.submitted',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const DELIVER_WEBHOOK = 'integrations.deliver-webhook';
/** Attempts before a delivery is dead-lettered (the job queue backs off exponentially between them). */
export const WEBHOOK_ATTEMPTS = 6;
const TIMEOUT_MS = 5_000;

interface Subscriber {
  subscribe(topic: string, handler: (event: BusEvent, topic: string) => void | Promise<void>): () => void;
}

/** Per topic, the webhook events its bus events stand for (constant lists: no array per event). */
const EVENTS_OF_TOPIC = new Map<string, readonly WebhookEvent[]>(WEBHOOK_EVENTS.map((type) => [type, [type]]));
const UPDATED_AND_RESOLVED: readonly WebhookEvent[] = ['conversation.updated', 'conversation.resolved'];
const NONE: readonly WebhookEvent[] = [];

/** Which webhook events a bus event stands for (a conversation update that resolves is also `conversation.resolved`). */
export function webhookEventsOf(topic: string, event: BusEvent): readonly WebhookEvent[] {
  if (topic === 'conversation.updated') {
    const to = (event.payload as { change?: { to?: string } | null })?.change?.to;
    if (to === 'resolved') return UPDATED_AND_RESOLVED;
  }
  return EVENTS_OF_TOPIC.get(topic) ?? NONE;
}

/**
 * Listens to the bus and turns each event into a durable delivery per subscribed endpoint, sent by a job: signed,
 * retried with backoff by the job queue, dead-lettered after WEBHOOK_ATTEMPTS, every attempt visible in the table.
 */
export function startWebhooks(ctx: ServiceContext, bus: Subscriber, jobs: JobQueue): () => void {
  jobs.handle<{ workspaceId: string; deliveryId: string }>(DELIVER_WEBHOOK, (payload, job) =>
    deliver(ctx, payload, job),
  );
  const topics = ['message.created', 'conversation.updated', 'conversation.handed_off', 'survey.submitted'];
  const stops = topics.map((topic) =>
    bus.subscribe(topic, (event) => {
      const types = webhookEventsOf(topic, event);
      if (types.length === 0) return;
      // Cached per workspace (endpoint-cache.ts): a look-up per event was a database read on every message. A
      // workspace without endpoints (most, and every event of a bench) is answered at once, without a promise.
      const endpoints = endpointsFor(ctx, event.workspaceId);
      if (!Array.isArray(endpoints)) return endpoints.then((found) => fanOut(ctx, jobs, event, types, found));
      if (endpoints.length > 0) return fanOut(ctx, jobs, event, types, endpoints);
    }),
  );
  // Another process changed a workspace's endpoints (this process drops its copy when it makes the change).
  stops.push(bus.subscribe(ENDPOINTS_CHANGED, (event) => forgetEndpoints(ctx.db, event.workspaceId)));
  return () => {
    for (const stop of stops) stop();
  };
}

async function fanOut(
  ctx: ServiceContext,
  jobs: JobQueue,
  event: BusEvent,
  types: readonly WebhookEvent[],
  endpoints: readonly CachedEndpoint[],
) {
  for (const type of types) {
    for (const endpoint of endpoints) {
      if (endpoint.enabled !== 1 || !endpoint.subscribed.includes(type)) continue;
      const now = ctx.clock.now();
      const id = newId('whd');
      const created = await recordDelivery(ctx, endpoint, {
        id,
        workspace_id: event.workspaceId,
        endpoint_id: endpoint.id,
        event_id: `${event.id}:${type}`,
        event_type: type,
        payload: toJson({ id: event.id, type, at: event.at, workspaceId: event.workspaceId, data: event.payload }),
        status: 'pending',
        attempts: 0,
        last_status: null,
        last_error: null,
        created_at: now,
        updated_at: now,
      });
      if (created) await enqueueDelivery(jobs, event.workspaceId, id);
    }
  }
}

/**
 * Records a delivery; false when it was already recorded, or when the endpoint is gone (another process deleted it
 * and this one's copy of the list has not heard yet: the delivery's reference to it fails, and the copy is dropped).
 */
async function recordDelivery(
  ctx: ServiceContext,
  endpoint: CachedEndpoint,
  row: Parameters<typeof insertDelivery>[1],
): Promise<boolean> {
  try {
    return await insertDelivery(ctx.db, row);
  } catch (error) {
    if (await findEndpoint(ctx.db, endpoint.workspace_id, endpoint.id)) throw error;
    forgetEndpoints(ctx.db, endpoint.workspace_id);
    return false;
  }
}

export async function enqueueDelivery(jobs: JobQueue, workspaceId: string, deliveryId: string, round = 0) {
  await jobs.enqueue(
    DELIVER_WEBHOOK,
    { workspaceId, deliveryId },
    { maxAttempts: WEBHOOK_ATTEMPTS, jobKey: `${deliveryId}:${round}` },
  );
}

async function deliver(ctx: ServiceContext, payload: { workspaceId: string; deliveryId: string }, job: JobInfo) {
  const delivery = await findDelivery(ctx.db, payload.workspaceId, payload.deliveryId);
  if (!delivery || delivery.status === 'delivered') return;
  const endpoint = await findEndpoint(ctx.db, payload.workspaceId, delivery.endpoint_id);
  if (!endpoint) return;
  const attempts = delivery.attempts + 1;
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Lingxi-Webhooks/1',
        'x-lingxi-event': delivery.event_type,
        'x-lingxi-delivery': delivery.id,
        [SIGNATURE_HEADER]: signBody(endpoint.secret, delivery.payload, ctx.clock.now()),
      },
      body: delivery.payload,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
    status = response.status;
    await response.body?.cancel();
    if (response.ok) {
      await updateDelivery(ctx.db, payload.workspaceId, delivery.id, {
        status: 'delivered',
        attempts,
        last_status: status,
        last_error: null,
        updated_at: ctx.clock.now(),
      });
      return;
    }
    error = `HTTP ${status}`;
  } catch (caught) {
    error = errorMessage(caught);
  }
  const dead = job.attempt >= job.maxAttempts;
  await updateDelivery(ctx.db, payload.workspaceId, delivery.id, {
    status: dead ? 'dead' : 'retrying',
    attempts,
    last_status: status,
    last_error: error,
    updated_at: ctx.clock.now(),
  });
  throw new Error(`webhook ${delivery.id} failed: ${error}`);
}
