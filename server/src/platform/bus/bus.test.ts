import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTestRedis, type TestRedis, testRedisUrl } from '../../../test/support/redis.ts';
import type { Bus, BusEvent } from './bus.ts';
import { topicMatches } from './bus.ts';
import { LocalBus } from './local-bus.ts';
import { RedisBus } from './redis-bus.ts';

const logger = pino({ level: 'silent' });

function event(type: string, payload: unknown = {}): BusEvent {
  return {
    type,
    workspaceId: 'ws_1',
    id: `evt_${Math.random().toString(36).slice(2)}`,
    at: 1_767_578_400_000,
    payload,
  };
}

interface BusFixture {
  /** Buses that share one transport (one process each, for Redis). */
  open(): Bus;
  dispose(): Promise<void>;
}

const adapters: [string, () => BusFixture][] = [
  [
    'local',
    () => {
      // In-process, every part of the application shares the one bus.
      const shared = new LocalBus({ logger });
      return {
        open: () => shared,
        dispose: () => shared.close(),
      };
    },
  ],
];
if (testRedisUrl) {
  adapters.push([
    'redis',
    () => {
      let redis: TestRedis | undefined;
      const buses: RedisBus[] = [];
      return {
        open: () => {
          redis ??= openTestRedis();
          const bus = new RedisBus({ redis: redis.connect(), logger, prefix: `${redis.prefix}bus:` });
          buses.push(bus);
          return bus;
        },
        async dispose() {
          await Promise.all(buses.map((b) => b.close()));
          await redis?.dispose();
        },
      };
    },
  ]);
}

describe('topicMatches', () => {
  it('matches exact topics, families and everything', () => {
    expect(topicMatches('message.created', 'message.created')).toBe(true);
    expect(topicMatches('message.created', 'message.created2')).toBe(false);
    expect(topicMatches('conversation.*', 'conversation.handed_off')).toBe(true);
    expect(topicMatches('conversation.*', 'conversation')).toBe(false);
    expect(topicMatches('conversation.*', 'conversations.x')).toBe(false);
    expect(topicMatches('*', 'kb.article_published')).toBe(true);
  });
});

describe.each(adapters)('Bus contract (%s)', (_name, makeFixture) => {
  let fixture: BusFixture | undefined;
  afterEach(async () => {
    await fixture?.dispose();
    fixture = undefined;
  });

  it('delivers to exact and wildcard subscribers once each, asynchronously', async () => {
    fixture = makeFixture();
    const bus = fixture.open();
    const seen: string[] = [];
    bus.subscribe('message.created', (e, topic) => {
      seen.push(`exact:${topic}:${(e.payload as { text: string }).text}`);
    });
    bus.subscribe('message.*', (_e, topic) => {
      seen.push(`family:${topic}`);
    });
    bus.subscribe('conversation.*', () => {
      seen.push('wrong');
    });
    await bus.ready();
    const publishing = bus.publish('message.created', event('message.created', { text: '你好' }));
    expect(seen).toEqual([]); // never inside the publisher's call
    await publishing;
    await vi.waitFor(() => expect(seen.sort()).toEqual(['exact:message.created:你好', 'family:message.created']));
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toHaveLength(2);
  });

  it('isolates a failing handler from the publisher and the other handlers', async () => {
    fixture = makeFixture();
    const bus = fixture.open();
    const received: string[] = [];
    bus.subscribe('kb.article_published', () => {
      throw new Error('handler bug');
    });
    bus.subscribe('kb.article_published', async () => {
      throw new Error('async handler bug');
    });
    bus.subscribe('kb.article_published', (e) => {
      received.push(e.id);
    });
    await bus.ready();
    const published = event('kb.article_published');
    await expect(bus.publish('kb.article_published', published)).resolves.toBeUndefined();
    await vi.waitFor(() => expect(received).toEqual([published.id]));
  });

  it('stops delivering after unsubscribe', async () => {
    fixture = makeFixture();
    const bus = fixture.open();
    const seen: string[] = [];
    const off = bus.subscribe('ticket.*', (e) => {
      seen.push(e.type);
    });
    await bus.ready();
    await bus.publish('ticket.created', event('ticket.created'));
    await vi.waitFor(() => expect(seen).toEqual(['ticket.created']));
    off();
    await bus.ready();
    await bus.publish('ticket.updated', event('ticket.updated'));
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toEqual(['ticket.created']);
  });

  it('reaches every subscriber sharing the transport exactly once, the publisher included', async () => {
    fixture = makeFixture();
    const a = fixture.open();
    const b = fixture.open();
    const seenA: string[] = [];
    const seenB: string[] = [];
    a.subscribe('*', (e) => {
      seenA.push(e.id);
    });
    b.subscribe('conversation.*', (e) => {
      seenB.push(e.id);
    });
    await a.ready();
    await b.ready();
    const first = event('conversation.assigned', { agent: '王小明' });
    const second = event('conversation.handed_off');
    await a.publish('conversation.assigned', first);
    await b.publish('conversation.handed_off', second);
    await vi.waitFor(() => {
      expect(seenA.sort()).toEqual([first.id, second.id].sort());
      expect(seenB.sort()).toEqual([first.id, second.id].sort());
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(seenA).toHaveLength(2);
    expect(seenB).toHaveLength(2);
  });

  it('delivers a JSON copy, so handlers never depend on values JSON cannot carry', async () => {
    fixture = makeFixture();
    const bus = fixture.open();
    const got: unknown[] = [];
    bus.subscribe('message.created', (e) => {
      got.push(e.payload);
    });
    await bus.ready();
    await bus.publish('message.created', event('message.created', { when: new Date(0), text: '退款' }));
    await vi.waitFor(() => expect(got).toEqual([{ when: '1970-01-01T00:00:00.000Z', text: '退款' }]));
  });

  it('rejects malformed topics', async () => {
    fixture = makeFixture();
    const bus = fixture.open();
    await expect(bus.publish('message.*', event('x'))).rejects.toThrow(/invalid bus topic/);
    expect(() => bus.subscribe('message.*.x', () => {})).toThrow(/invalid bus subscription/);
  });
});

describe('handlers under load (embedded bus)', () => {
  it('starts handlers a time slice per turn, in order, so timers and sockets are served during a burst', async () => {
    const bus = new LocalBus({ logger: pino({ level: 'silent' }) });
    const ran: number[] = [];
    let ranWhenTheTimerFired = -1;
    bus.subscribe('load.test', (event) => {
      // A reaction doing ~2 ms of synchronous work, like ranking a queue.
      const until = performance.now() + 2;
      while (performance.now() < until) {}
      ran.push(event.payload as number);
    });
    for (let i = 0; i < 60; i++) {
      await bus.publish('load.test', { type: 'load.test', workspaceId: 'ws_1', id: `evt_${i}`, at: 0, payload: i });
    }
    setTimeout(() => {
      ranWhenTheTimerFired = ran.length;
    }, 0);
    await bus.settle();
    expect(ran).toEqual(Array.from({ length: 60 }, (_, i) => i));
    // Without slices all 60 (~120 ms) would run before the next timers phase.
    expect(ranWhenTheTimerFired).toBeGreaterThanOrEqual(0);
    expect(ranWhenTheTimerFired).toBeLessThan(20);
    await bus.close();
  });
});
