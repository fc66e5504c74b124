import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testEngines } from '../../../test/support/engines.ts';
import { LocalBus } from '../../platform/bus/local-bus.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createLogger } from '../../platform/logger.ts';
import { createUser } from '../../security/commands/create-user.ts';
import { createWorkspace } from '../../security/commands/create-workspace.ts';
import { findPresence } from '../store.ts';
import { setPresence } from './set-presence.ts';

describe.each(testEngines())('setPresence on %s', (engine) => {
  let database: TestDatabase;
  let bus: LocalBus;
  beforeEach(async () => {
    database = await openTestDatabase(engine);
    bus = new LocalBus({ logger: createLogger({ level: 'silent' }) });
  });
  afterEach(async () => {
    await bus.close();
    await database.dispose();
  });

  it('moves an agent between online, away and offline and announces each change once', async () => {
    const ctx = { db: database.db, clock: new ManualClock(), bus, logger: createLogger({ level: 'silent' }) };
    const workspace = await createWorkspace(ctx, { name: '灵犀客服' });
    const user = await createUser(ctx, {
      workspaceId: workspace.id,
      input: {
        email: 'wang@example.com',
        name: '王小明',
        role: 'agent',
        password: 'correct-horse-battery',
        locale: 'zh-CN',
      },
      actor: { kind: 'anonymous' },
    });
    const changes: unknown[] = [];
    bus.subscribe('agent.presence_changed', (event) => {
      changes.push(event.payload);
    });
    expect(await findPresence(ctx.db, workspace.id, user.id)).toBe('offline');
    expect(await setPresence(ctx, { workspaceId: workspace.id, userId: user.id, status: 'online' })).toEqual({
      status: 'online',
      changed: true,
    });
    expect((await setPresence(ctx, { workspaceId: workspace.id, userId: user.id, status: 'online' })).changed).toBe(
      false,
    );
    await setPresence(ctx, { workspaceId: workspace.id, userId: user.id, status: 'away', onlyIf: 'online' });
    expect(
      (await setPresence(ctx, { workspaceId: workspace.id, userId: user.id, status: 'away', onlyIf: 'online' }))
        .changed,
    ).toBe(false);
    expect(await findPresence(ctx.db, workspace.id, user.id)).toBe('away');
    await bus.settle();
    expect(changes).toEqual([
      { userId: user.id, status: 'online', previous: 'offline' },
      { userId: user.id, status: 'away', previous: 'online' },
    ]);
  });
});
