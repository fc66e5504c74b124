import { z } from 'zod';
import { createEndpoint, removeEndpoint } from '../../../integrations/endpoint-cache.ts';
import {
  DELIVERY_STATUSES,
  endpointEvents,
  findDelivery,
  listDeliveries,
  listEndpoints,
  updateDelivery,
} from '../../../integrations/store.ts';
import { enqueueDelivery, WEBHOOK_EVENTS } from '../../../integrations/webhooks.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { randomToken } from '../../../security/crypto.ts';
import { workspaceOf } from '../../principal.ts';
import { errorResponses, IdOf } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';

const EndpointView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.number(),
});
const EndpointBody = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(500),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1),
});
const DeliveryView = z.object({
  id: z.string(),
  endpointId: z.string(),
  eventType: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
const DeliveriesQuery = z.strictObject({
  status: z.enum(DELIVERY_STATUSES).optional(),
  endpointId: IdOf('whk').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Outbound webhooks: endpoints (the signing secret is shown once), and every delivery with its outcome. */
export async function webhookRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;
  app.get(
    '/api/v1/webhooks',
    {
      config: { policy: 'webhooks.manage' },
      schema: {
        tags: ['webhooks'],
        response: { 200: z.object({ endpoints: z.array(EndpointView) }), ...errorResponses },
      },
    },
    async (request) => ({
      endpoints: (await listEndpoints(ctx.db, workspaceOf(request))).map((e) => ({
        id: e.id,
        url: e.url,
        events: endpointEvents(e),
        enabled: e.enabled === 1,
        createdAt: e.created_at,
      })),
    }),
  );
  app.post(
    '/api/v1/webhooks',
    {
      config: { policy: 'webhooks.manage' },
      schema: {
        tags: ['webhooks'],
        body: EndpointBody,
        response: { 201: EndpointView.extend({ secret: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = {
        id: newId('whk'),
        workspace_id: workspaceOf(request),
        url: request.body.url,
        secret: randomToken(32),
        events: JSON.stringify(request.body.events),
        enabled: 1,
        created_at: ctx.clock.now(),
      };
      await createEndpoint(ctx, row);
      return reply.status(201).send({
        id: row.id,
        url: row.url,
        events: request.body.events,
        enabled: true,
        createdAt: row.created_at,
        secret: row.secret,
      });
    },
  );
  app.delete(
    '/api/v1/webhooks/:endpointId',
    {
      config: { policy: 'webhooks.manage' },
      schema: {
        tags: ['webhooks'],
        params: z.strictObject({ endpointId: IdOf('whk') }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!(await removeEndpoint(ctx, workspaceOf(request), request.params.endpointId))) throw notFound('Webhook');
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/webhooks/deliveries',
    {
      config: { policy: 'webhooks.manage' },
      schema: {
        tags: ['webhooks'],
        querystring: DeliveriesQuery,
        response: { 200: z.object({ deliveries: z.array(DeliveryView) }), ...errorResponses },
      },
    },
    async (request) => ({
      deliveries: (await listDeliveries(ctx.db, workspaceOf(request), request.query)).map((d) => ({
        id: d.id,
        endpointId: d.endpoint_id,
        eventType: d.event_type,
        status: d.status,
        attempts: d.attempts,
        lastStatus: d.last_status,
        lastError: d.last_error,
        createdAt: d.created_at,
        updatedAt: d.updated_at,
      })),
    }),
  );
  app.post(
    '/api/v1/webhooks/deliveries/:deliveryId/redeliver',
    {
      config: { policy: 'webhooks.manage' },
      schema: {
        tags: ['webhooks'],
        params: z.strictObject({ deliveryId: IdOf('whd') }),
        response: { 202: z.object({ id: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const workspaceId = workspaceOf(request);
      const delivery = await findDelivery(ctx.db, workspaceId, request.params.deliveryId);
      if (!delivery) throw notFound('Delivery');
      const jobs = deps.infrastructure?.jobs;
      if (!jobs) throw new AppError('not_ready', 'No job queue in this process');
      // A dead-lettered delivery gets a new round of attempts; its history stays on the row.
      await updateDelivery(ctx.db, workspaceId, delivery.id, {
        status: 'pending',
        attempts: delivery.attempts,
        last_status: delivery.last_status,
        last_error: delivery.last_error,
        updated_at: ctx.clock.now(),
      });
      await enqueueDelivery(jobs, workspaceId, delivery.id, ctx.clock.now());
      return reply.status(202).send({ id: delivery.id });
    },
  );
}
