import { LocalBus } from '../../platform/bus/local-bus.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { createLogger } from '../../platform/logger.ts';
import { createWorkspace } from '../../security/commands/create-workspace.ts';
import { ensureDefaultInboxes } from '../commands/ensure-default-inboxes.ts';
import { identifyVisitor } from '../commands/identify-visitor.ts';

/** A real, migrated database with a local bus and a manual clock, for the conversation tests (never a mock). */
export interface ConversationTestBed {
  ctx: ServiceContext;
  clock: ManualClock;
  bus: LocalBus;
  database: Database;
  dispose(): Promise<void>;
}

/** Pass `await openTestDatabase(engine)` (server/test/support/engines.ts); disposing the bed drops the database. */
export function createTestBed(database: Database & { dispose(): Promise<void> }): ConversationTestBed {
  const engine = database.engine;
  const clock = new ManualClock();
  const logger = createLogger({ level: 'silent' });
  const bus = new LocalBus({ logger });
  const ctx: ServiceContext = {
    db: database.db,
    engine,
    clock,
    logger,
    bus,
    secret: 'test-secret-that-is-long-enough-0123456789',
  };
  return {
    ctx,
    clock,
    bus,
    database,
    async dispose() {
      await bus.close();
      await database.dispose();
    },
  };
}

/** A workspace with its default inbox and one widget visitor. */
export async function seedWorkspace(ctx: ServiceContext, name = '演示商城') {
  const workspace = await createWorkspace(ctx, { name });
  const { webWidget } = await ensureDefaultInboxes(ctx, workspace.id);
  const visitor = await identifyVisitor(ctx, { workspaceId: workspace.id, locale: 'zh-CN' });
  return { workspace, inbox: webWidget, visitor };
}
