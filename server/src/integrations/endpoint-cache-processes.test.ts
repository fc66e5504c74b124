import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestRedis, type TestRedis, testRedisUrl } from '../../test/support/redis.ts';
import { RedisBus } from '../platform/bus/redis-bus.ts';
import { ManualClock } from '../platform/clock.ts';
import type { ServiceContext } from '../platform/context.ts';
import { type Database, openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { newId } from '../platform/ids.ts';
import type { JobQueue } from '../platform/jobs/job-queue.ts';
import { createLogger } from '../platform/logger.ts';
import { createWorkspace } from '../security/commands/create-workspace.ts';
import { createEndpoint, removeEndpoint } from './endpoint-cache.ts';
import { insertEndpoint, listDeliveries } from './store.ts';
import { endpointRow } from './testing/endpoint-row.ts';
import { startWebhooks } from './webhooks.ts';

interface Process {
  ctx: ServiceContext;
  bus: RedisBus;
  database: Database;
  stop: () => void;
}

/**
 * Two processes on one store, each with its own endpoint cache, talking over the Redis bus (run when
 * LINGXI_TEST_REDIS_URL is set, like the bus adapter tests). The cache is per database handle whatever the engine;
 * the engine-specific paths are covered on both engines in endpoint-cache.test.ts.
 */
if (testRedisUrl) {
  describe('webhook endpoint cache across processes (Redis bus)', () => {
    let redis: TestRedis;
    let dir: string;
    let processes: Process[];
    let workspaceId: string;
    const clock = new ManualClock();
    const logger = createLogger({ level: 'silent' });

    async function start(file: string, webhooks: boolean): Promise<Process> {
      const database = await openDatabase({ url: file });
      const bus = new RedisBus({ redis: redis.connect(), logger, prefix: `${redis.prefix}bus:` });
      const ctx: ServiceContext = { db: database.db, engine: 'sqlite', clock, logger, bus, secret: 'x'.repeat(40) };
      const jobs = { handle() {}, enqueue: async () => ({ id: newId('job'), created: true }) } as unknown as JobQueue;
      const stop = webhooks ? startWebhooks(ctx, bus, jobs) : () => {};
      await bus.ready();
      return { ctx, bus, database, stop };
    }

    beforeEach(async () => {
      redis = openTestRedis();
      dir = mkdtempSync(join(tmpdir(), 'lingxi-webhooks-'));
      const file = join(dir, 'shared.db');
      const setup = await openDatabase({ url: file });
      await migrateToLatest(setup.db);
      workspaceId = (await createWorkspace({ db: setup.db, clock }, { name: 'Shop' })).id;
      await setup.close();
      // The first one only manages endpoints and receives messages; the second turns events into deliveries.
      processes = [await start(file, false), await start(file, true)];
    });

    afterEach(async () => {
      for (const p of processes) {
        p.stop();
        await p.bus.close();
        await p.database.close();
      }
      await redis.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    /** A message.created received by the first process, handled by the second; the endpoints that got a delivery. */
    async function messageCreated(): Promise<string[]> {
      const [received, at] = processes as [Process, Process];
      const id = newId('evt');
      const handled = new Promise<void>((resolve) => {
        const stop = at.bus.subscribe('message.created', () => {
          stop();
          resolve();
        });
      });
      await received.bus.publish('message.created', { type: 'message.created', workspaceId, id, at: 0, payload: {} });
      await handled;
      await at.bus.settle();
      const deliveries = await listDeliveries(at.ctx.db, workspaceId, {});
      return deliveries.filter((d) => d.event_id === `${id}:message.created`).map((d) => d.endpoint_id);
    }

    async function changeHeardBy(p: Process, change: () => Promise<unknown>) {
      const heard = new Promise<void>((resolve) => {
        const stop = p.bus.subscribe('webhooks.endpoints_changed', () => {
          stop();
          resolve();
        });
      });
      await change();
      await heard;
      await p.bus.settle();
    }

    it("one process's created and deleted endpoints are seen by the other's next event", async () => {
      const [a, b] = processes as [Process, Process];
      expect(await messageCreated()).toEqual([]); // the second process caches the empty list
      // Written without an announcement: the second process keeps its copy (this is what the bus message fixes).
      const silent = endpointRow(workspaceId, clock);
      await insertEndpoint(a.ctx.db, silent);
      expect(await messageCreated()).toEqual([]);
      const announced = endpointRow(workspaceId, clock);
      await changeHeardBy(b, () => createEndpoint(a.ctx, announced));
      expect((await messageCreated()).sort()).toEqual([silent.id, announced.id].sort());
      await changeHeardBy(b, () => removeEndpoint(a.ctx, workspaceId, announced.id));
      expect(await messageCreated()).toEqual([silent.id]);
    });
  });
}
