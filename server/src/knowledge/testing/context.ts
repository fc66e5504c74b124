import { LocalBus } from '../../platform/bus/local-bus.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { createLogger } from '../../platform/logger.ts';
import { createUser } from '../../security/commands/create-user.ts';
import { createWorkspace } from '../../security/commands/create-workspace.ts';
import type { KbActor } from '../schema.ts';

/** A real, migrated database with a local bus and a manual clock, for the knowledge tests (never a mock). */
export interface KnowledgeTestBed {
  ctx: ServiceContext;
  clock: ManualClock;
  bus: LocalBus;
  database: Database;
  dispose(): Promise<void>;
}

/** Pass `await openTestDatabase(engine)` (server/test/support/engines.ts); disposing the bed drops the database. */
export function createTestBed(database: Database & { dispose(): Promise<void> }): KnowledgeTestBed {
  const clock = new ManualClock(Date.UTC(2026, 10, 26, 2, 0, 0));
  const logger = createLogger({ level: 'silent' });
  const bus = new LocalBus({ logger });
  const ctx: ServiceContext = {
    db: database.db,
    engine: database.engine,
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

/** A workspace with an editor and a reviewer (the two people the review workflow needs). */
export async function seedKnowledgeWorkspace(ctx: ServiceContext, name = '演示商城') {
  const workspace = await createWorkspace(ctx, { name });
  const make = async (role: 'kb_editor' | 'kb_reviewer', email: string) => {
    const user = await createUser(ctx, {
      workspaceId: workspace.id,
      input: { email, name: role, role, password: 'a long enough password', locale: 'zh-CN' },
      actor: { kind: 'anonymous' },
    });
    return { type: 'user', id: user.id } satisfies KbActor;
  };
  const tag = workspace.id.slice(-6);
  return {
    workspaceId: workspace.id,
    editor: await make('kb_editor', `editor.${tag}@example.test`),
    reviewer: await make('kb_reviewer', `reviewer.${tag}@example.test`),
  };
}
