import type { Logger } from '../logger.ts';

/** One domain event on the bus (`message.created`, `conversation.handed_off` …). It must survive JSON. */
export interface BusEvent {
  type: string;
  workspaceId: string;
  id: string;
  /** Epoch milliseconds. */
  at: number;
  payload: unknown;
}

export type BusHandler = (event: BusEvent, topic: string) => void | Promise<void>;

/**
 * Publish/subscribe between modules (and, with Redis, between processes). A subscription names an exact topic
 * (`message.created`), a family (`conversation.*` matches every topic that starts with `conversation.`) or `*`.
 * Handlers run asynchronously; a failing handler is logged and never reaches the publisher or other handlers.
 */
export interface Bus {
  publish(topic: string, event: BusEvent): Promise<void>;
  /** Returns the function that ends the subscription. */
  subscribe(topic: string, handler: BusHandler): () => void;
  /** Resolves once every subscription made so far receives events from other processes (Redis needs a round trip). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const TOPIC = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/i;
const PATTERN = /^(\*|[a-z0-9_-]+(\.[a-z0-9_-]+)*(\.\*)?)$/i;

export function assertTopic(topic: string): void {
  if (!TOPIC.test(topic)) throw new Error(`invalid bus topic "${topic}"`);
}

export function assertPattern(pattern: string): void {
  if (!PATTERN.test(pattern)) throw new Error(`invalid bus subscription "${pattern}"`);
}

export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return topic.startsWith(pattern.slice(0, -1));
  return pattern === topic;
}

/**
 * The handlers of one process, grouped by subscription pattern. Both adapters deliver through it, so the
 * asynchronous call and the error isolation behave the same everywhere.
 */
export class Subscriptions {
  private readonly byPattern = new Map<string, Set<BusHandler>>();
  /** Handlers started or waiting to start and not finished yet; settle() waits for none to be left. */
  private running = 0;
  private idle: Array<() => void> = [];

  constructor(private readonly logger: Logger) {}

  /** Adds a handler; returns true when it is the first one for this pattern. */
  add(pattern: string, handler: BusHandler): boolean {
    assertPattern(pattern);
    let handlers = this.byPattern.get(pattern);
    const first = handlers === undefined;
    if (!handlers) {
      handlers = new Set();
      this.byPattern.set(pattern, handlers);
    }
    handlers.add(handler);
    return first;
  }

  /** Removes a handler; returns true when the pattern has no handler left. */
  remove(pattern: string, handler: BusHandler): boolean {
    const handlers = this.byPattern.get(pattern);
    if (!handlers?.delete(handler)) return false;
    if (handlers.size > 0) return false;
    this.byPattern.delete(pattern);
    return true;
  }

  patterns(): string[] {
    return [...this.byPattern.keys()];
  }

  /** Calls every handler whose pattern matches the topic. */
  dispatch(topic: string, event: BusEvent): void {
    for (const pattern of this.byPattern.keys()) {
      if (topicMatches(pattern, topic)) this.dispatchPattern(pattern, topic, event);
    }
  }

  /** Calls the handlers of one pattern only (Redis tells us which pattern matched). */
  dispatchPattern(pattern: string, topic: string, event: BusEvent): void {
    for (const handler of this.byPattern.get(pattern) ?? []) this.run(handler, topic, event);
  }

  /** Waits for the handlers already started (graceful shutdown, tests). */
  async settle(): Promise<void> {
    while (this.running > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  clear(): void {
    this.byPattern.clear();
  }

  /**
   * Calls one handler from its own step (see startWhenTheLoopHasRoom): a macrotask boundary, so the publisher's code
   * after `publish` runs first, whatever the handler does. Plain callbacks rather than a promise chain per call: every
   * message starts three or four handlers.
   */
  private run(handler: BusHandler, topic: string, event: BusEvent): void {
    this.running++;
    startWhenTheLoopHasRoom(() => {
      let result: void | Promise<void>;
      try {
        result = handler(event, topic);
      } catch (error) {
        this.failed(error, topic, event);
        return;
      }
      if (result && typeof result.then === 'function') {
        result.then(
          () => this.finished(),
          (error: unknown) => this.failed(error, topic, event),
        );
      } else this.finished();
    });
  }

  private failed(error: unknown, topic: string, event: BusEvent): void {
    this.logger.error({ err: error, topic, eventId: event.id, eventType: event.type }, 'bus handler failed');
    this.finished();
  }

  private finished(): void {
    if (--this.running > 0) return;
    const idle = this.idle;
    this.idle = [];
    for (const resolve of idle) resolve();
  }
}

/**
 * Handlers run from immediates, and Node runs every immediate queued before a check phase without looking at the
 * sockets in between. Reactions that do real work (routing ranks a queue for each of 200 conversations opened at
 * once, ~3 ms each) would then hold every request and reply back for the whole burst. So handlers start within a
 * time slice per turn; past it, the rest wait for the next turn, after the sockets have been served. The slice ends
 * at the next timers phase at the latest.
 *
 * Order is kept: handlers wait in one queue, and each step (its own immediate, so the previous handler's promise
 * callbacks have run and its time is counted) starts whichever handler is first in it. Steps that find the slice
 * used up are not queued again one by one (with a thousand handlers waiting, the empty steps re-queued every turn
 * cost more than the handlers: 17% of a burst of 200 conversation opens); the step that ends the slice queues them
 * again.
 *
 * The slice ends at the next turn's check phase, by an immediate queued when it starts (Node runs immediates queued
 * during a check phase in the next turn, after its poll phase has served the sockets). It used to end by a timer,
 * and a 1 ms timer per slice woke the idle process once more for every message when the load is light.
 */
const SLICE_MS = 5;
let sliceStart: number | undefined;
const waiting: Array<() => void> = [];
/** Steps scheduled and not run yet, plus steps put off to the end of the slice: never fewer than handlers waiting. */
let steps = 0;
let putOff = 0;

function startWhenTheLoopHasRoom(start: () => void): void {
  waiting.push(start);
  if (steps + putOff < waiting.length) {
    steps++;
    setImmediate(step);
  }
}

function endSlice(): void {
  sliceStart = undefined;
  for (; putOff > 0; putOff--) {
    steps++;
    setImmediate(step);
  }
}

function step(): void {
  steps--;
  if (waiting.length === 0) return;
  const now = performance.now();
  if (sliceStart === undefined) {
    sliceStart = now;
    setImmediate(endSlice);
  } else if (now - sliceStart > SLICE_MS) {
    putOff++;
    return;
  }
  (waiting.shift() as () => void)();
}
