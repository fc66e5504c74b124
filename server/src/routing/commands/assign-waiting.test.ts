import { describe, expect, it } from 'vitest';
import { freshEachTest, testEngines } from '../../../test/support/engines.ts';
import { listAgentProfiles } from '../agent-store.ts';
import { findAssignment, listAssignments } from '../assignment-store.ts';
import { routingBed } from '../testing.ts';
import { listWaiting } from '../waiting-store.ts';
import { assignWaiting } from './assign-waiting.ts';
import { enqueueConversation } from './enqueue-conversation.ts';
import { pickConversation } from './pick-conversation.ts';
import { releaseConversation } from './release-conversation.ts';
import { setPresence } from './set-presence.ts';
import { transferToTeam } from './transfer-to-team.ts';

describe.each(testEngines())('the assigner on %s', (engine) => {
  const bed = freshEachTest(engine, routingBed);

  const enqueue = (id: string, facts: Parameters<typeof enqueueConversation>[1]['facts'], reason = 'asks_for_human') =>
    enqueueConversation(bed().ctx, {
      workspaceId: bed().workspaceId,
      conversationId: id,
      team: 'general',
      priority: 20,
      reason,
      facts,
    });

  it('gives the angry VIP to the agent with the complaints skill first; the regular customer gets the agent when they free up', async () => {
    const complaints = await bed().addAgent('投诉专员 李娜', {
      skills: { complaints: 3, billing: 2 },
      languages: ['zh'],
    });
    await bed().addAgent('Tech Tom', { skills: { tech: 3 }, languages: ['en'] });
    const regular = await enqueue('conv_regular', { valueTier: 'regular', language: 'zh', sentiment: 0.1 });
    expect(regular.position).toBe(1);
    // Entering the queue is reported with its team, for reports on conversations nobody took.
    const routed = await bed()
      .ctx.db.selectFrom('reporting_events')
      .select(['data'])
      .where('type', '=', 'conversation.routed')
      .where('conversation_id', '=', 'conv_regular')
      .execute();
    expect(routed.map((r) => JSON.parse(r.data))).toEqual([
      { team: 'general', priority: 20, reason: 'asks_for_human' },
    ]);
    await enqueue('conv_vip', { valueTier: 'vip', language: 'zh', sentiment: -0.9, anger: 0.8 }, 'negative_sentiment');
    const made = await assignWaiting(bed().deps, bed().workspaceId);
    expect(made).toEqual([{ conversationId: 'conv_vip', agentId: complaints }]);
    expect(bed().port.status.get('conv_vip')).toEqual({ status: 'assigned', agentId: complaints });
    expect((await listWaiting(bed().ctx.db, bed().workspaceId)).map((w) => w.id)).toEqual(['conv_regular']);

    const { assigned } = await releaseConversation(bed().deps, {
      workspaceId: bed().workspaceId,
      conversationId: 'conv_vip',
    });
    expect(assigned).toEqual([{ conversationId: 'conv_regular', agentId: complaints }]);
    await bed().bus.settle();
    const published = bed()
      .events.filter((e) => e.type === 'conversation.assigned')
      .map((e) => (e.payload as { conversationId: string }).conversationId);
    expect(published).toEqual(['conv_vip', 'conv_regular']);
  });

  it('an agent coming online, or raising capacity, takes the waiting at once; going away keeps what they hold', async () => {
    const wang = await bed().addAgent('王小明', {}, false);
    await enqueue('conv_1', {});
    await enqueue('conv_2', {});
    expect(await assignWaiting(bed().deps, bed().workspaceId)).toEqual([]);
    await setPresence(bed().ctx, { workspaceId: bed().workspaceId, userId: wang, status: 'online' });
    expect((await assignWaiting(bed().deps, bed().workspaceId)).map((a) => a.conversationId)).toEqual(['conv_1']);
    // Presence flapping: away and back leaves the holding and the load untouched.
    for (const status of ['away', 'online', 'offline', 'online'] as const) {
      await setPresence(bed().ctx, { workspaceId: bed().workspaceId, userId: wang, status });
      await assignWaiting(bed().deps, bed().workspaceId);
    }
    expect((await findAssignment(bed().ctx.db, bed().workspaceId, 'conv_1'))?.user_id).toBe(wang);
    expect((await listAgentProfiles(bed().ctx.db, bed().workspaceId))[0]?.load).toEqual({ web_widget: 1, api: 0 });
    expect((await listWaiting(bed().ctx.db, bed().workspaceId)).map((w) => w.id)).toEqual(['conv_2']);
  });

  it('lets go of a claim whose conversation closed mid-assignment, and keeps one made to an agent who disconnects meanwhile', async () => {
    const wang = await bed().addAgent('王小明', { capacity: { web_widget: 2, api: 0 } });
    await enqueue('conv_closed', { valueTier: 'vip' });
    await enqueue('conv_kept', {});
    bed().port.gone.add('conv_closed');
    bed().port.during = async (conversationId) => {
      if (conversationId === 'conv_kept')
        await setPresence(bed().ctx, { workspaceId: bed().workspaceId, userId: wang, status: 'away' });
    };
    const made = await assignWaiting(bed().deps, bed().workspaceId);
    expect(made).toEqual([{ conversationId: 'conv_kept', agentId: wang }]);
    expect(await findAssignment(bed().ctx.db, bed().workspaceId, 'conv_closed')).toBeUndefined();
    expect((await listAgentProfiles(bed().ctx.db, bed().workspaceId))[0]?.load.web_widget).toBe(1);
  });

  it('manual pick: nothing is assigned by itself; an agent picks, a second pick of the same conversation is refused', async () => {
    await bed()
      .ctx.db.insertInto('routing_settings')
      .values({ workspace_id: bed().workspaceId, settings: JSON.stringify({ strategy: 'manual' }), updated_at: 0 })
      .execute();
    const a = await bed().addAgent('A', {});
    const b = await bed().addAgent('B', {});
    await enqueue('conv_pick', {});
    expect(await assignWaiting(bed().deps, bed().workspaceId)).toEqual([]);
    const results = await Promise.allSettled([
      pickConversation(bed().deps, { workspaceId: bed().workspaceId, conversationId: 'conv_pick', agentId: a }),
      pickConversation(bed().deps, { workspaceId: bed().workspaceId, conversationId: 'conv_pick', agentId: b }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await listAssignments(bed().ctx.db, bed().workspaceId)).map((h) => h.conversation_id)).toEqual([
      'conv_pick',
    ]);
  });

  it('a transfer to a team with nobody online waits there and is assigned when one of them comes online', async () => {
    const first = await bed().addAgent('一线 小张', { capacity: { web_widget: 2, api: 0 } });
    const billing = await bed().addAgent('账务 老陈', { teams: ['billing'] }, false);
    await enqueue('conv_t', { valueTier: 'vip', language: 'zh' });
    await assignWaiting(bed().deps, bed().workspaceId);
    const moved = await transferToTeam(bed().deps, {
      workspaceId: bed().workspaceId,
      conversationId: 'conv_t',
      team: 'billing',
      note: '客户要求退款，订单 SO20261126001',
      actorId: first,
    });
    expect(moved).toMatchObject({ team: 'billing', assignedTo: null, position: 1, online: 0 });
    expect(bed().port.status.get('conv_t')?.status).toBe('queued');
    expect(bed().port.notes).toContain('客户要求退款，订单 SO20261126001');
    const waiting = await listWaiting(bed().ctx.db, bed().workspaceId);
    expect(waiting[0]).toMatchObject({ id: 'conv_t', team: 'billing', valueTier: 'vip', language: 'zh' });
    await setPresence(bed().ctx, { workspaceId: bed().workspaceId, userId: billing, status: 'online' });
    expect(await assignWaiting(bed().deps, bed().workspaceId)).toEqual([
      { conversationId: 'conv_t', agentId: billing },
    ]);
    expect(
      (await listAgentProfiles(bed().ctx.db, bed().workspaceId)).find((p) => p.userId === first)?.load.web_widget,
    ).toBe(0);
  });
});
