import type { Logger } from '../logger.ts';
import { assertTopic, type Bus, type BusEvent, type BusHandler, Subscriptions } from './bus.ts';
import { jsonCopy } from './json-copy.ts';

/** The in-process bus of the embedded mode: events never leave this process. */
export class LocalBus implements Bus {
  private readonly subscriptions: Subscriptions;
  private closed = false;

  constructor(options: { logger: Logger }) {
    this.subscriptions = new Subscriptions(options.logger);
  }

  async publish(topic: string, event: BusEvent): Promise<void> {
    assertTopic(topic);
    if (this.closed) throw new Error('bus is closed');
    // What a JSON round trip through Redis would deliver, so a handler that works embedded also works in a cluster.
    this.subscriptions.dispatch(topic, jsonCopy(event));
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    this.subscriptions.add(topic, handler);
    return () => {
      this.subscriptions.remove(topic, handler);
    };
  }

  async ready(): Promise<void> {}

  /** Waits for the handlers already running, then drops every subscription. */
  async close(): Promise<void> {
    this.closed = true;
    await this.subscriptions.settle();
    this.subscriptions.clear();
  }

  /** Resolves when every handler started so far has finished (tests, graceful shutdown). */
  settle(): Promise<void> {
    return this.subscriptions.settle();
  }
}
