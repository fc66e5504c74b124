import { beforeEach, describe, expect, it } from 'vitest';
import { freshEachTest, testEngines } from '../../../test/support/engines.ts';
import { listAudit } from '../../security/audit.ts';
import { routingBed } from '../testing.ts';
import { assignWaiting } from './assign-waiting.ts';
import { enqueueConversation } from './enqueue-conversation.ts';
import { evaluateSurgeTriggers, saveSurgePlan, surgeStatus, switchSurgePlan } from './surge-plans.ts';

describe.each(testEngines())('surge plans on %s', (engine) => {
  const bed = freshEachTest(engine, routingBed);
  let admin: string;
  beforeEach(async () => {
    admin = await bed().addAgent('值班主管', { teams: ['lead'] }, false);
  });

  const enqueue = (id: string, team = 'general') =>
    enqueueConversation(bed().ctx, {
      workspaceId: bed().workspaceId,
      conversationId: id,
      team,
      priority: 20,
      reason: 'asks_for_human',
      facts: {},
    });

  it('a queue-length trigger switches on at the threshold and off at half of it, audited and announced once each', async () => {
    const plan = await saveSurgePlan(bed().deps, {
      workspaceId: bed().workspaceId,
      actorId: admin,
      input: {
        name: '618 大促',
        team: 'general',
        trigger: { kind: 'queue_length', threshold: 4 },
        actions: {
          botFirst: { announcement: { zh: '咨询高峰，机器人优先', en: 'Busy: the assistant answers first' } },
          queueCap: { max: 5, offer: 'callback' },
        },
      },
    });
    for (const id of ['c1', 'c2', 'c3']) await enqueue(id);
    expect(await evaluateSurgeTriggers(bed().deps, bed().workspaceId)).toEqual([]);
    await enqueue('c4');
    // Two processes evaluating at once: one switch.
    const [a, b] = await Promise.all([
      evaluateSurgeTriggers(bed().deps, bed().workspaceId),
      evaluateSurgeTriggers(bed().deps, bed().workspaceId),
    ]);
    expect([...a, ...b]).toEqual([plan.id]);
    expect((await surgeStatus(bed().deps, bed().workspaceId, 'general')).botFirst?.zh).toBe('咨询高峰，机器人优先');
    for (const id of ['c5', 'c6']) await enqueue(id);
    expect((await enqueue('c7')).surge?.offer).toBe('callback');
    // The line shrinks: still above half (2) keeps it on; at 2 it goes off.
    await bed().ctx.db.deleteFrom('queue_entries').where('conversation_id', 'in', ['c1', 'c2', 'c3', 'c4']).execute();
    expect(await evaluateSurgeTriggers(bed().deps, bed().workspaceId)).toEqual([]);
    await bed().ctx.db.deleteFrom('queue_entries').where('conversation_id', '=', 'c5').execute();
    expect(await evaluateSurgeTriggers(bed().deps, bed().workspaceId)).toEqual([plan.id]);
    await bed().bus.settle();
    const announced = bed()
      .events.filter((e) => e.type === 'routing.surge_changed')
      .map((e) => (e.payload as { active: boolean }).active);
    expect(announced).toEqual([true, false]);
    const audit = (await listAudit(bed().ctx.db, bed().workspaceId, {})).map((e) => e.action);
    expect(audit.filter((a) => a.startsWith('routing.surge_'))).toEqual(
      expect.arrayContaining(['routing.surge_activated', 'routing.surge_deactivated', 'routing.surge_plan_created']),
    );
  });

  it('borrowing agents and overflow to another team take effect while a manual plan is on', async () => {
    const presales = await bed().addAgent('售前 小周', { teams: ['presales'] });
    const plan = await saveSurgePlan(bed().deps, {
      workspaceId: bed().workspaceId,
      actorId: admin,
      input: { name: '借调售前', team: 'general', trigger: { kind: 'manual' }, actions: { borrowFrom: ['presales'] } },
    });
    await enqueue('c_general');
    expect(await assignWaiting(bed().deps, bed().workspaceId)).toEqual([]);
    await switchSurgePlan(bed().deps, {
      workspaceId: bed().workspaceId,
      planId: plan.id,
      active: true,
      by: `user:${admin}`,
    });
    expect(bed().port.status.get('c_general')).toEqual({ status: 'assigned', agentId: presales });

    const overflow = await saveSurgePlan(bed().deps, {
      workspaceId: bed().workspaceId,
      actorId: admin,
      input: {
        name: '溢出到二线',
        team: 'general',
        trigger: { kind: 'major_incident' },
        actions: { overflowTo: 'tier2', waitMessage: { zh: '请稍候', en: 'Please wait' } },
      },
    });
    await switchSurgePlan(bed().deps, {
      workspaceId: bed().workspaceId,
      planId: overflow.id,
      active: true,
      by: `user:${admin}`,
    });
    expect((await enqueue('c_next')).team).toBe('tier2');
    await expect(
      saveSurgePlan(bed().deps, {
        workspaceId: bed().workspaceId,
        actorId: admin,
        input: { name: 'x', team: 'general', trigger: { kind: 'queue_length' }, actions: {} },
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
