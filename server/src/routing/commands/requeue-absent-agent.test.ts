import { describe, expect, it } from 'vitest';
import { freshEachTest, testEngines } from '../../../test/support/engines.ts';
import { listAgentProfiles } from '../agent-store.ts';
import { findAssignment } from '../assignment-store.ts';
import { routingBed } from '../testing.ts';
import { listWaiting } from '../waiting-store.ts';
import { assignWaiting } from './assign-waiting.ts';
import { enqueueConversation } from './enqueue-conversation.ts';
import { ABSENCE_GRACE_MS, absentHolders, requeueAbsentAgent } from './requeue-absent-agent.ts';
import { setPresence } from './set-presence.ts';

describe.each(testEngines())('an absent agent’s conversations on %s', (engine) => {
  const bed = freshEachTest(engine, routingBed);

  const presence = (userId: string, status: 'online' | 'away' | 'offline') =>
    setPresence(bed().ctx, { workspaceId: bed().workspaceId, userId, status });
  const requeue = (userId: string) => requeueAbsentAgent(bed().deps, { workspaceId: bed().workspaceId, userId });

  it('survive presence flapping within the grace; after the grace they go back in line with their priority and are reassigned', async () => {
    const wang = await bed().addAgent('王小明', { capacity: { web_widget: 2, api: 0 } });
    const queuedAt = bed().clock.now();
    await enqueueConversation(bed().ctx, {
      workspaceId: bed().workspaceId,
      conversationId: 'conv_vip',
      team: 'general',
      priority: 20,
      reason: 'asks_for_human',
      facts: { valueTier: 'vip', language: 'zh', sentiment: -0.8 },
    });
    await enqueueConversation(bed().ctx, {
      workspaceId: bed().workspaceId,
      conversationId: 'conv_new',
      team: 'general',
      priority: 20,
      reason: 'asks_for_human',
      facts: { valueTier: 'new' },
    });
    expect(await assignWaiting(bed().deps, bed().workspaceId)).toHaveLength(2);

    // Flapping: away, back, offline, back, away, each a few seconds apart: nothing moves.
    for (const status of ['away', 'online', 'offline', 'online', 'away'] as const) {
      bed().clock.advance(ABSENCE_GRACE_MS / 3);
      await presence(wang, status);
      expect(await requeue(wang)).toEqual([]);
    }
    bed().clock.advance(ABSENCE_GRACE_MS - 1000);
    expect(await requeue(wang)).toEqual([]);
    expect(await absentHolders(bed().deps)).toEqual([]);
    expect((await findAssignment(bed().ctx.db, bed().workspaceId, 'conv_vip'))?.user_id).toBe(wang);

    // The grace runs out: both go back to the line, keeping their first queueing time and their profile.
    bed().clock.advance(1000);
    expect(await absentHolders(bed().deps)).toEqual([{ workspaceId: bed().workspaceId, userId: wang }]);
    expect((await requeue(wang)).sort()).toEqual(['conv_new', 'conv_vip']);
    expect(bed().port.status.get('conv_vip')).toEqual({ status: 'queued', agentId: null });
    const waiting = await listWaiting(bed().ctx.db, bed().workspaceId);
    expect(waiting.map((w) => w.id)).toEqual(['conv_vip', 'conv_new']);
    expect(waiting[0]).toMatchObject({ valueTier: 'vip', language: 'zh', enqueuedAt: queuedAt, team: 'general' });
    expect(waiting[0]?.sentiment).toBeCloseTo(-0.8);
    const profiles = await listAgentProfiles(bed().ctx.db, bed().workspaceId);
    expect(profiles.find((p) => p.userId === wang)?.load.web_widget).toBe(0);
    // A second pass (a late timer, another process) finds nothing left to move.
    expect(await requeue(wang)).toEqual([]);

    // Capacity appears: the VIP, highest priority, is reassigned first.
    const zhao = await bed().addAgent('赵敏', { capacity: { web_widget: 1, api: 0 } });
    expect(await assignWaiting(bed().deps, bed().workspaceId)).toEqual([{ conversationId: 'conv_vip', agentId: zhao }]);
    const requeued = await bed()
      .ctx.db.selectFrom('reporting_events')
      .select(['conversation_id'])
      .where('type', '=', 'routing.requeued')
      .execute();
    expect(requeued.map((r) => r.conversation_id).sort()).toEqual(['conv_new', 'conv_vip']);
  });

  it('with an agent online to take them, the requeued conversations are reassigned at once', async () => {
    const wang = await bed().addAgent('王小明', {});
    await enqueueConversation(bed().ctx, {
      workspaceId: bed().workspaceId,
      conversationId: 'conv_1',
      team: 'general',
      priority: 20,
      reason: 'asks_for_human',
      facts: {},
    });
    await assignWaiting(bed().deps, bed().workspaceId);
    const li = await bed().addAgent('李娜', {});
    await presence(wang, 'offline');
    bed().clock.advance(ABSENCE_GRACE_MS);
    expect(await requeue(wang)).toEqual(['conv_1']);
    expect((await findAssignment(bed().ctx.db, bed().workspaceId, 'conv_1'))?.user_id).toBe(li);
    expect(bed().port.status.get('conv_1')).toEqual({ status: 'assigned', agentId: li });
  });
});
