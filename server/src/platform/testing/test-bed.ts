import { LocalBus } from '../bus/local-bus.ts';
import { ManualClock } from '../clock.ts';
import type { ServiceContext } from '../context.ts';
import type { Database } from '../db/database.ts';
import { createLogger } from '../logger.ts';

/** A real, migrated database with a local bus and a manual clock, for module tests (never a mock). */
export interface TestBed {
  ctx: ServiceContext;
  clock: ManualClock;
  bus: LocalBus;
  database: Database;
  dispose(): Promise<void>;
}

/**
 * Pass `await openTestDatabase(engine)` (server/test/support/engines.ts); disposing the bed drops the database.
 * `clockStart` is epoch milliseconds (the ManualClock's own default otherwise).
 */
export function createTestBed(
  database: Database & { dispose(): Promise<void> },
  options: { clockStart?: number } = {},
): TestBed {
  const clock = new ManualClock(options.clockStart);
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
