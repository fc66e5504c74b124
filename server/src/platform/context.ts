import type { BusEvent } from './bus/bus.ts';
import type { Clock } from './clock.ts';
import type { Db, Engine } from './db/database.ts';
import type { Logger } from './logger.ts';

export type { BusEvent } from './bus/bus.ts';

/** The part of the Bus port that domain modules use; adapters live in platform/bus. */
export interface EventPublisher {
  publish(topic: string, event: BusEvent): Promise<void>;
}

/** What every command receives: the infrastructure, never the HTTP request. */
export interface ServiceContext {
  db: Db;
  engine: Engine;
  clock: Clock;
  logger: Logger;
  bus: EventPublisher;
  /** Key for signing visitor and CSRF tokens. */
  secret: string;
}
