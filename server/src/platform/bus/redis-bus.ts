import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { assertTopic, type Bus, type BusEvent, type BusHandler, Subscriptions } from './bus.ts';

export interface RedisBusOptions {
  /** Publishes on this connection; a duplicate of it becomes the subscriber (a subscribed connection can do nothing else). */
  redis: Redis;
  logger: Logger;
  /** Channel prefix, so several installations (or test runs) can share one Redis. */
  prefix?: string;
}

interface Envelope {
  /** The publishing process, so it can skip its own events when they come back from Redis. */
  o: string;
  e: BusEvent;
}

/**
 * The bus across processes. A process hands its own events to its handlers directly and ignores their echo from
 * Redis, so each handler sees each event exactly once and local delivery does not wait for a network round trip.
 * Like Redis pub/sub itself, delivery is at most once: an event published while a process is disconnected is lost to
 * it; durable work belongs on the job queue.
 */
export class RedisBus implements Bus {
  private readonly origin = randomUUID();
  private readonly prefix: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly subscriptions: Subscriptions;
  private readonly logger: Logger;
  /** Redis glob pattern → our subscription pattern, to route pattern messages to the right handlers. */
  private readonly redisPatterns = new Map<string, string>();
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  constructor(options: RedisBusOptions) {
    this.prefix = options.prefix ?? 'lingxi:bus:';
    this.publisher = options.redis;
    this.subscriber = options.redis.duplicate();
    this.logger = options.logger;
    this.subscriptions = new Subscriptions(options.logger);
    this.subscriber.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    this.subscriber.on('pmessage', (pattern: string, channel: string, message: string) =>
      this.onPatternMessage(pattern, channel, message),
    );
    this.subscriber.on('error', (error: Error) => this.logger.warn({ err: error }, 'bus subscriber connection error'));
  }

  async publish(topic: string, event: BusEvent): Promise<void> {
    assertTopic(topic);
    if (this.closed) throw new Error('bus is closed');
    const wire = JSON.stringify({ o: this.origin, e: event } satisfies Envelope);
    // Local handlers get the same JSON round trip as remote ones, so no handler depends on non-JSON values.
    this.subscriptions.dispatch(topic, (JSON.parse(wire) as Envelope).e);
    await this.publisher.publish(this.prefix + topic, wire);
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    if (this.closed) throw new Error('bus is closed');
    if (this.subscriptions.add(topic, handler)) this.track(this.listen(topic));
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      if (this.subscriptions.remove(topic, handler) && !this.closed) this.track(this.unlisten(topic));
    };
  }

  async ready(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ready();
    await this.subscriptions.settle();
    this.subscriptions.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  /** Resolves when every handler started so far has finished (tests, graceful shutdown). */
  settle(): Promise<void> {
    return this.subscriptions.settle();
  }

  private listen(pattern: string): Promise<unknown> {
    if (!pattern.endsWith('*')) return this.subscriber.subscribe(this.prefix + pattern);
    const glob = `${escapeGlob(this.prefix + pattern.slice(0, -1))}*`;
    this.redisPatterns.set(glob, pattern);
    return this.subscriber.psubscribe(glob);
  }

  private unlisten(pattern: string): Promise<unknown> {
    if (!pattern.endsWith('*')) return this.subscriber.unsubscribe(this.prefix + pattern);
    const glob = `${escapeGlob(this.prefix + pattern.slice(0, -1))}*`;
    this.redisPatterns.delete(glob);
    return this.subscriber.punsubscribe(glob);
  }

  private track(operation: Promise<unknown>): void {
    const tracked = operation
      .catch((error: unknown) => this.logger.error({ err: error }, 'bus subscription failed'))
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private decode(message: string): BusEvent | undefined {
    try {
      const envelope = JSON.parse(message) as Envelope;
      return envelope.o === this.origin ? undefined : envelope.e;
    } catch (error) {
      this.logger.warn({ err: error }, 'bus message is not valid JSON');
      return undefined;
    }
  }

  private onMessage(channel: string, message: string): void {
    const event = this.decode(message);
    if (!event) return;
    const topic = channel.slice(this.prefix.length);
    this.subscriptions.dispatchPattern(topic, topic, event);
  }

  private onPatternMessage(glob: string, channel: string, message: string): void {
    const pattern = this.redisPatterns.get(glob);
    const event = pattern === undefined ? undefined : this.decode(message);
    if (!event || pattern === undefined) return;
    this.subscriptions.dispatchPattern(pattern, channel.slice(this.prefix.length), event);
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, (c) => `\\${c}`);
}
