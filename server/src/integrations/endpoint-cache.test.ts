import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testEngines } from '../../test/support/engines.ts';
import { LocalBus } from '../platform/bus/local-bus.ts';
import { ManualClock } from '../platform/clock.ts';
import type { ServiceContext } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
import type { JobQueue } from '../platform/jobs/job-queue.ts';
import { createLogger } from '../platform/logger.ts';
import { createWorkspace } from '../security/commands/create-workspace.ts';
import {
  createEndpoint,
  ENDPOINT_CACHE_TTL_MS,
  ENDPOINTS_CHANGED,
  endpointsFor,
  removeEndpoint,
} from './endpoint-cache.ts';
import { deleteEndpoint, insertEndpoint, listDeliveries } from './store.ts';
import { endpointRow } from './testing/endpoint-row.ts';
import { startWebhooks } from './webhooks.ts';

/** The webhook handler's endpoint cache: what an event sees after endpoints are created and deleted, here or elsewhere. */
describe.each(testEngines())('webhook endpoint cache on %s', (engine) => {
  let database: TestDatabase;
  let bus: LocalBus;
  let clock: ManualClock;
  let ctx: ServiceContext;
  let stop: () => void;
  let enqueued: string[];
  let shopA: string;
  let shopB: string;

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    const logger = createLogger({ level: 'silent' });
    bus = new LocalBus({ logger });
    clock = new ManualClock();
    ctx = { db: database.db, engine, clock, logger, bus, secret: 'test-secret-0123456789-abcdefghijklmnop' };
    shopA = (await createWorkspace(ctx, { name: 'Shop A' })).id;
    shopB = (await createWorkspace(ctx, { name: 'Shop B' })).id;
    enqueued = [];
    const jobs = {
      handle() {},
      async enqueue(_name: string, payload: { deliveryId: string }) {
        enqueued.push(payload.deliveryId);
        return { id: newId('job'), created: true };
      },
    } as unknown as JobQueue;
    stop = startWebhooks(ctx, bus, jobs);
  });

  afterEach(async () => {
    stop();
    await bus.close();
    await database.dispose();
  });

  /** Publishes a message.created event and returns the endpoints that got a delivery for it. */
  async function messageCreated(workspaceId: string): Promise<string[]> {
    const id = newId('evt');
    await bus.publish('message.created', { type: 'message.created', workspaceId, id, at: clock.now(), payload: {} });
    await bus.settle();
    const deliveries = await listDeliveries(ctx.db, workspaceId, {});
    return deliveries.filter((d) => d.event_id === `${id}:message.created`).map((d) => d.endpoint_id);
  }

  it('an endpoint created or deleted in this process is seen by the next event', async () => {
    expect(await messageCreated(shopA)).toEqual([]); // caches the empty list
    const first = endpointRow(shopA, clock);
    await createEndpoint(ctx, first);
    expect(await messageCreated(shopA)).toEqual([first.id]);
    const second = endpointRow(shopA, clock);
    await createEndpoint(ctx, second);
    expect((await messageCreated(shopA)).sort()).toEqual([first.id, second.id].sort());
    expect(await removeEndpoint(ctx, shopA, first.id)).toBe(true);
    expect(await messageCreated(shopA)).toEqual([second.id]);
    expect(await removeEndpoint(ctx, shopA, first.id)).toBe(false);
    expect(enqueued).toHaveLength(4);
  });

  it('keeps tenants apart: one workspace never sees or delivers to the endpoints of another', async () => {
    const a = endpointRow(shopA, clock);
    await createEndpoint(ctx, a);
    expect(await messageCreated(shopA)).toEqual([a.id]);
    expect(await messageCreated(shopB)).toEqual([]);
    expect((await endpointsFor(ctx, shopB)).map((e) => e.id)).toEqual([]);
    const b = endpointRow(shopB, clock);
    await createEndpoint(ctx, b);
    expect(await messageCreated(shopB)).toEqual([b.id]);
    expect(await messageCreated(shopA)).toEqual([a.id]);
    expect(await removeEndpoint(ctx, shopB, a.id)).toBe(false); // another tenant's id is not found
    expect(await messageCreated(shopA)).toEqual([a.id]);
  });

  it("another process's change is seen when announced on the bus, or at the latest after the TTL", async () => {
    expect(await messageCreated(shopA)).toEqual([]);
    // Written as another process would: straight to the database, this process's copy untouched.
    const announced = endpointRow(shopA, clock);
    await insertEndpoint(ctx.db, announced);
    expect(await messageCreated(shopA)).toEqual([]); // still the cached list
    await bus.publish(ENDPOINTS_CHANGED, {
      type: ENDPOINTS_CHANGED,
      workspaceId: shopA,
      id: 'evt_x',
      at: 0,
      payload: null,
    });
    await bus.settle();
    expect(await messageCreated(shopA)).toEqual([announced.id]);

    // The announcement was lost (Redis pub/sub is at most once): the copy expires.
    const unannounced = endpointRow(shopA, clock);
    await insertEndpoint(ctx.db, unannounced);
    expect(await messageCreated(shopA)).toEqual([announced.id]);
    clock.advance(ENDPOINT_CACHE_TTL_MS);
    expect((await messageCreated(shopA)).sort()).toEqual([announced.id, unannounced.id].sort());
  });

  it('a conversation update that resolves also stands for conversation.resolved; other updates do not', async () => {
    const resolvedOnly = { ...endpointRow(shopA, clock), events: JSON.stringify(['conversation.resolved']) };
    const updates = { ...endpointRow(shopA, clock), events: JSON.stringify(['conversation.updated']) };
    await createEndpoint(ctx, resolvedOnly);
    await createEndpoint(ctx, updates);
    async function updated(to: string) {
      const id = newId('evt');
      const payload = { change: { from: 'assigned', to } };
      await bus.publish('conversation.updated', {
        type: 'conversation.updated',
        workspaceId: shopA,
        id,
        at: 0,
        payload,
      });
      await bus.settle();
      const deliveries = await listDeliveries(ctx.db, shopA, {});
      return deliveries
        .filter((d) => d.event_id.startsWith(`${id}:`))
        .map((d) => `${d.endpoint_id === updates.id ? 'updates' : 'resolvedOnly'} ${d.event_type}`)
        .sort();
    }
    expect(await updated('resolved')).toEqual(['resolvedOnly conversation.resolved', 'updates conversation.updated']);
    expect(await updated('queued')).toEqual(['updates conversation.updated']);
  });

  it('an endpoint deleted elsewhere gets no delivery even before this process hears of it', async () => {
    const kept = endpointRow(shopA, clock);
    const gone = endpointRow(shopA, clock);
    await createEndpoint(ctx, kept);
    await createEndpoint(ctx, gone);
    expect((await messageCreated(shopA)).sort()).toEqual([kept.id, gone.id].sort());
    expect(await deleteEndpoint(ctx.db, shopA, gone.id)).toBe(true); // as another process: no announcement here
    enqueued = [];
    expect(await messageCreated(shopA)).toEqual([kept.id]);
    expect(enqueued).toHaveLength(1);
    // The failed delivery dropped the stale copy: the next event reads the list again and finds only the one left.
    expect((await endpointsFor(ctx, shopA)).map((e) => e.id)).toEqual([kept.id]);
  });
});
