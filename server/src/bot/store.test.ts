import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testEngines } from '../../test/support/engines.ts';
import { LocalBus } from '../platform/bus/local-bus.ts';
import { ManualClock } from '../platform/clock.ts';
import type { ServiceContext } from '../platform/context.ts';
import { createLogger } from '../platform/logger.ts';
import { createWorkspace } from '../security/commands/create-workspace.ts';
import { fillSlot, newBotState } from './context.ts';
import {
  configVersion,
  deleteFlow,
  findBotConfig,
  listFlows,
  loadState,
  saveBotConfig,
  saveFlow,
  saveState,
} from './store.ts';

describe.each(testEngines())('bot store on %s', (engine) => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  let workspaceId: string;

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    const logger = createLogger({ level: 'silent' });
    ctx = {
      db: database.db,
      engine,
      clock: new ManualClock(),
      logger,
      bus: new LocalBus({ logger }),
      secret: 'x'.repeat(32),
    };
    workspaceId = (await createWorkspace(ctx, { name: '机器人测试' })).id;
  });
  afterEach(async () => database.dispose());

  it('saves the dialogue state with compare-and-set, so a second writer with a stale version loses', async () => {
    const fresh = await loadState(ctx.db, workspaceId, 'conv_x');
    expect(fresh.version).toBe(0);
    const state = newBotState('zh');
    fillSlot(state, 'order_no', 'SO20261126001', 1000);
    expect(await saveState(ctx.db, workspaceId, 'conv_x', state, 0, 1000)).toBe(true);
    expect(await saveState(ctx.db, workspaceId, 'conv_x', state, 0, 1000)).toBe(false);
    const loaded = await loadState(ctx.db, workspaceId, 'conv_x');
    expect(loaded.version).toBe(1);
    expect(loaded.state.slots.order_no?.value).toBe('SO20261126001');
    loaded.state.turnCount = 5;
    expect(await saveState(ctx.db, workspaceId, 'conv_x', loaded.state, 1, 2000)).toBe(true);
    expect(await saveState(ctx.db, workspaceId, 'conv_x', loaded.state, 1, 2000)).toBe(false);
    expect((await loadState(ctx.db, workspaceId, 'conv_x')).state.turnCount).toBe(5);
    // Another tenant never reads it.
    const other = (await createWorkspace(ctx, { name: 'other' })).id;
    expect((await loadState(ctx.db, other, 'conv_x')).version).toBe(0);
  });

  it('keeps configuration and flows per workspace; every change moves the version', async () => {
    expect(await findBotConfig(ctx.db, workspaceId)).toBeUndefined();
    const before = await configVersion(ctx.db, workspaceId);
    await saveBotConfig(ctx.db, {
      workspaceId,
      enabled: true,
      settings: {},
      intents: [{ intent: 'greeting', text: '你好' }],
      now: 1,
    });
    await saveBotConfig(ctx.db, {
      workspaceId,
      enabled: true,
      settings: { answerThreshold: 0.7 },
      intents: [],
      now: 2,
    });
    const config = await findBotConfig(ctx.db, workspaceId);
    expect(config?.version).toBe(2);
    await saveFlow(ctx.db, {
      id: 'flw_a',
      workspaceId,
      intent: 'order_status',
      definition: { a: 1 },
      enabled: true,
      now: 3,
    });
    await saveFlow(ctx.db, {
      id: 'flw_b',
      workspaceId,
      intent: 'order_status',
      definition: { a: 2 },
      enabled: true,
      now: 4,
    });
    const flows = await listFlows(ctx.db, workspaceId);
    expect(flows).toHaveLength(1);
    expect(flows[0]?.version).toBe(2);
    const after = await configVersion(ctx.db, workspaceId);
    expect(after).not.toBe(before);
    expect(await deleteFlow(ctx.db, workspaceId, 'order_status')).toBe(true);
    expect(await deleteFlow(ctx.db, workspaceId, 'order_status')).toBe(false);
  });
});
