import { describe, expect, it } from 'vitest';
import { freshEachTest, testEngines } from '../../../test/support/engines.ts';
import { findAssignment } from '../assignment-store.ts';
import { routingBed } from '../testing.ts';
import { listWaiting } from '../waiting-store.ts';
import { assignWaiting } from './assign-waiting.ts';
import { changeWaitingTier } from './change-waiting-tier.ts';
import { enqueueConversation, positionInLine } from './enqueue-conversation.ts';
import { setPresence } from './set-presence.ts';

describe.each(testEngines())('a tier change on %s', (engine) => {
  const bed = freshEachTest(engine, routingBed);

  const enqueue = (conversationId: string, valueTier: 'vip' | 'regular' | 'new') =>
    enqueueConversation(bed().ctx, {
      workspaceId: bed().workspaceId,
      conversationId,
      team: 'general',
      priority: 20,
      reason: 'asks_for_human',
      facts: { valueTier },
    });

  it('re-ranks the customer’s waiting conversation: made VIP, it moves ahead and is served first', async () => {
    const agent = await bed().addAgent('王小明', {}, false);
    await enqueue('conv_first', 'regular');
    bed().clock.advance(5_000);
    await enqueue('conv_later', 'new');
    expect(await positionInLine(bed().ctx, bed().workspaceId, 'conv_later')).toBe(2);

    expect(
      await changeWaitingTier(bed().deps, {
        workspaceId: bed().workspaceId,
        conversationIds: ['conv_later'],
        tier: 'vip',
      }),
    ).toEqual(['conv_later']);
    expect((await listWaiting(bed().ctx.db, bed().workspaceId)).find((w) => w.id === 'conv_later')?.valueTier).toBe(
      'vip',
    );
    expect(await positionInLine(bed().ctx, bed().workspaceId, 'conv_later')).toBe(1);
    await bed().bus.settle();
    expect(
      bed().events.some(
        (e) => e.type === 'routing.queue_changed' && (e.payload as { change: string }).change === 'moved',
      ),
    ).toBe(true);

    await setPresence(bed().ctx, { workspaceId: bed().workspaceId, userId: agent, status: 'online' });
    expect(await assignWaiting(bed().deps, bed().workspaceId)).toEqual([
      { conversationId: 'conv_later', agentId: agent },
    ]);

    // Held conversations carry the new tier too, for when they go back in line; unknown ids change nothing.
    await changeWaitingTier(bed().deps, {
      workspaceId: bed().workspaceId,
      conversationIds: ['conv_later'],
      tier: 'new',
    });
    const holding = await findAssignment(bed().ctx.db, bed().workspaceId, 'conv_later');
    expect(JSON.parse(holding?.profile ?? '{}').valueTier).toBe('new');
    expect(
      await changeWaitingTier(bed().deps, {
        workspaceId: bed().workspaceId,
        conversationIds: ['conv_nope'],
        tier: 'vip',
      }),
    ).toEqual([]);
  });
});
