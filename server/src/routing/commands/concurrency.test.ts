import { describe, expect, it } from 'vitest';
import { freshEachTest, testEngines } from '../../../test/support/engines.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { AppError } from '../../platform/errors.ts';
import { LocalLock } from '../../platform/lock/local-lock.ts';
import { listAgentProfiles } from '../agent-store.ts';
import { listAssignments } from '../assignment-store.ts';
import { canTakeNow } from '../engine/eligibility.ts';
import { SeededRandom } from '../engine/random.ts';
import { DEFAULT_SETTINGS } from '../settings-store.ts';
import { loadRoutingState } from '../snapshot.ts';
import { routingBed } from '../testing.ts';
import { assignWaiting } from './assign-waiting.ts';
import { updateRoutingSettings } from './configure-routing.ts';
import { enqueueConversation } from './enqueue-conversation.ts';
import { pickConversation } from './pick-conversation.ts';
import { reassignConversation } from './reassign-conversation.ts';
import { releaseConversation } from './release-conversation.ts';

/**
 * Parallel assigners against the real database, each with its own lock (as separate processes without a shared
 * lock would be): the claims alone must keep every promise.
 */
describe.each(testEngines())('exactly once under parallel assigners on %s', (engine) => {
  const bed = freshEachTest(engine, routingBed);

  async function checkPromises() {
    const holdings = await listAssignments(bed().ctx.db, bed().workspaceId);
    const profiles = await listAgentProfiles(bed().ctx.db, bed().workspaceId);
    const byConversation = new Set(holdings.map((h) => h.conversation_id));
    expect(byConversation.size).toBe(holdings.length);
    for (const profile of profiles) {
      const held = holdings.filter((h) => h.user_id === profile.userId).length;
      expect(profile.load.web_widget ?? 0).toBe(held);
      expect(held).toBeLessThanOrEqual(profile.capacity.web_widget);
    }
    for (const [id, status] of bed().port.status) {
      if (status.status === 'assigned')
        expect(holdings.find((h) => h.conversation_id === id)?.user_id).toBe(status.agentId);
    }
    const state = await loadRoutingState(bed().ctx, bed().workspaceId);
    for (const waiting of state.waiting) {
      expect(
        state.agents.find((a) => canTakeNow(a, waiting, state.context))?.id,
        `${waiting.id} waits`,
      ).toBeUndefined();
    }
    return holdings;
  }

  it('8 assigners and 10 agent picks at once, 30 arrivals, closures in between: no double assignment, nobody over capacity, nothing left waiting with room', async () => {
    const random = new SeededRandom(20261126);
    for (let i = 0; i < 5; i++) {
      await bed().addAgent(`坐席 ${i}`, {
        capacity: { web_widget: 1 + (i % 3), api: 0 },
        skills: i % 2 ? { billing: 2 } : { tech: 2 },
      });
    }
    const assigners = () =>
      Promise.all(
        Array.from({ length: 8 }, () =>
          assignWaiting({ ...bed().deps, lock: new LocalLock({ clock: new ManualClock() }) }, bed().workspaceId),
        ),
      );
    const made: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 10; i++) {
        await enqueueConversation(bed().ctx, {
          workspaceId: bed().workspaceId,
          conversationId: `conv_${round}_${i}`,
          team: 'general',
          priority: 20,
          reason: 'asks_for_human',
          facts: { valueTier: random.pick(['vip', 'regular', 'new'] as const), sentiment: random.next() * 2 - 1 },
        });
      }
      // Agents picking from the queue race the assigners: different views of the same capacity.
      const agents = (await listAgentProfiles(bed().ctx.db, bed().workspaceId)).map((p) => p.userId);
      const picks = Array.from({ length: 10 }, (_, i) =>
        pickConversation(bed().deps, {
          workspaceId: bed().workspaceId,
          conversationId: `conv_${round}_${9 - i}`,
          agentId: random.pick(agents),
        }).then(
          () => [{ conversationId: `conv_${round}_${9 - i}` }],
          () => [],
        ),
      );
      for (const batch of await Promise.all([...picks, assigners().then((all) => all.flat())]))
        made.push(...batch.map((a) => a.conversationId));
      expect(new Set(made).size).toBe(made.length);
      // A last pass: whatever the race left waiting with room is assigned now.
      for (const batch of await assigners()) made.push(...batch.map((a) => a.conversationId));
      const holdings = await checkPromises();
      // Some conversations end; their agents' capacity returns and is used at once.
      for (const holding of holdings.filter(() => random.chance(0.5))) {
        bed().port.status.delete(holding.conversation_id);
        await releaseConversation(
          { ...bed().deps, lock: new LocalLock({ clock: new ManualClock() }) },
          { workspaceId: bed().workspaceId, conversationId: holding.conversation_id },
        );
      }
      await checkPromises();
    }
    expect(made.length).toBeGreaterThan(10);
  });

  it('two supervisors reassigning the same conversation at once end with one holder; the other gets 409', async () => {
    const first = await bed().addAgent('甲', {});
    const second = await bed().addAgent('乙', {});
    const third = await bed().addAgent('丙', {});
    await enqueueConversation(bed().ctx, {
      workspaceId: bed().workspaceId,
      conversationId: 'conv_x',
      team: 'general',
      priority: 1,
      reason: 'asks_for_human',
      facts: {},
    });
    const [made] = await assignWaiting(bed().deps, bed().workspaceId);
    const holder = made?.agentId as string;
    const targets = [first, second, third].filter((id) => id !== holder);
    // Separate locks: as if each supervisor's request reached a different process.
    const results = await Promise.allSettled(
      targets.map((to) =>
        reassignConversation(
          { ...bed().deps, lock: new LocalLock({ clock: new ManualClock() }) },
          {
            workspaceId: bed().workspaceId,
            conversationId: 'conv_x',
            toAgentId: to,
            fromAgentId: holder,
            via: 'reassign',
            actorId: to,
          },
        ),
      ),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(((failed[0] as PromiseRejectedResult).reason as AppError).code).toBe('conflict');
    const holdings = await checkPromises();
    expect(holdings).toHaveLength(1);
    expect(targets).toContain(holdings[0]?.user_id);
  });

  it('refuses routing weights that are negative or sum to zero with 400 invalid_routing_weights', async () => {
    const admin = await bed().addAgent('管理员', {});
    for (const weights of [
      { value: 0, complexity: 0, sentiment: 0, waiting: 0, sla: 0 },
      { value: 2, complexity: -1, sentiment: 1, waiting: 1, sla: 1 },
    ]) {
      await expect(
        updateRoutingSettings(bed().deps, {
          workspaceId: bed().workspaceId,
          settings: { ...DEFAULT_SETTINGS, weights },
          actorId: admin,
        }),
      ).rejects.toMatchObject({ code: 'invalid_routing_weights', status: 400 });
    }
  });
});
