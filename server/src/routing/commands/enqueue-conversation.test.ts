import { describe, expect, it } from 'vitest';
import { freshEachTest, testEngines } from '../../../test/support/engines.ts';
import { findQueueEntry } from '../queue-store.ts';
import { insertSurgePlan, setSurgeActive } from '../surge-store.ts';
import { countingQueueReads, routingBed } from '../testing.ts';
import { listWaiting } from '../waiting-store.ts';
import { enqueueConversation, joinQueue, positionInLine } from './enqueue-conversation.ts';

const TIERS = ['vip', 'regular', 'new'] as const;

describe.each(testEngines())('joining the line on %s', (engine) => {
  const bed = freshEachTest(engine, routingBed);

  const options = (i: number) => ({
    workspaceId: bed().workspaceId,
    conversationId: `conv_${String(i).padStart(3, '0')}`,
    team: 'general',
    priority: 10 + (i % 3) * 10,
    reason: 'asks_for_human',
    facts: { valueTier: TIERS[i % 3], sentiment: i % 4 === 0 ? -0.6 : 0 },
  });

  it("a burst of hand-offs at once is told the still line's places, or on PostgreSQL places never behind them", async () => {
    const places = await Promise.all(Array.from({ length: 30 }, (_, i) => enqueueConversation(bed().ctx, options(i))));
    // Asked again one at a time, once the line is still: each place comes from its own ranking pass.
    const alone: number[] = [];
    for (let i = 0; i < 30; i++)
      alone.push(await positionInLine(bed().ctx, bed().workspaceId, options(i).conversationId));
    expect(alone.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    if (engine === 'sqlite') {
      // Writes are serialised in the process: everyone joined before the shared pass read the line, so the burst's
      // places are the still line's places.
      expect(places.map((p) => p.position)).toEqual(alone);
    } else {
      // PostgreSQL commits the burst's arrivals one by one (read committed): a place ranked before some of them
      // committed counts fewer ahead, never more, and never misses the newcomer's own committed entry.
      places.forEach((p, i) => {
        expect(p.position).toBeGreaterThan(0);
        expect(p.position).toBeLessThanOrEqual(alone[i]!);
      });
    }
    expect(places.every((p) => p.team === 'general' && p.online === 0)).toBe(true);
    expect(await positionInLine(bed().ctx, bed().workspaceId, 'conv_unknown')).toBe(0);
  });

  it("an arrival under a queue cap reads the queue twice: its entry's arrival time, then the line for place and cap", async () => {
    const { ctx, workspaceId } = bed();
    const input = {
      name: '排队上限',
      team: 'general',
      trigger: { kind: 'manual' as const },
      actions: { queueCap: { max: 2, offer: 'callback' as const } },
    };
    await insertSurgePlan(ctx.db, 'surge_cap', workspaceId, input, ctx.clock.now());
    await setSurgeActive(ctx.db, workspaceId, 'surge_cap', true, 'test', ctx.clock.now());
    const reads: string[] = [];
    const counted = { ...ctx, db: countingQueueReads(ctx.db, reads) };
    const offers: Array<string | null | undefined> = [];
    for (let i = 0; i < 4; i++) {
      reads.length = 0;
      const place = await enqueueConversation(counted, options(i));
      offers.push(place.surge?.offer);
      expect(reads).toHaveLength(2);
    }
    // The cap still counts the line: over two waiting, the newcomer is offered a call-back.
    expect(offers).toEqual([null, null, 'callback', 'callback']);
  });

  it('joinQueue writes the same entry and event as enqueueConversation, without working out a place', async () => {
    await joinQueue(bed().ctx, options(1), { existing: undefined });
    await enqueueConversation(bed().ctx, options(2));
    const [a, b] = await Promise.all([
      findQueueEntry(bed().ctx.db, bed().workspaceId, 'conv_001'),
      findQueueEntry(bed().ctx.db, bed().workspaceId, 'conv_002'),
    ]);
    expect(a?.value_tier).toBe('regular');
    expect(b?.value_tier).toBe('new');
    await bed().bus.settle();
    const joined = bed().events.filter((e) => e.type === 'routing.queue_changed');
    expect(joined.map((e) => (e.payload as { conversationId: string }).conversationId)).toEqual([
      'conv_001',
      'conv_002',
    ]);
    expect(joined.every((e) => (e.payload as { profiled: boolean }).profiled)).toBe(true);
  });

  it('a second hand-off keeps the arrival time and refreshes the profile in the same upsert', async () => {
    await enqueueConversation(bed().ctx, options(1));
    const first = await findQueueEntry(bed().ctx.db, bed().workspaceId, 'conv_001');
    bed().clock.advance(60_000);
    await enqueueConversation(bed().ctx, { ...options(1), facts: { valueTier: 'vip', language: 'en' } });
    const [again] = await listWaiting(bed().ctx.db, bed().workspaceId);
    expect(again?.enqueuedAt).toBe(Number(first?.enqueued_at));
    expect(again?.valueTier).toBe('vip');
    expect(again?.language).toBe('en');
  });
});
