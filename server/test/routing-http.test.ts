import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalBus } from '../src/platform/bus/local-bus.ts';
import { LocalLock } from '../src/platform/lock/local-lock.ts';
import { enqueueConversation } from '../src/routing/commands/enqueue-conversation.ts';
import { listAudit as listAuditEntries } from '../src/security/audit.ts';
import { startRoutingEffects } from '../src/workers/routing-effects.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './support/test-app.ts';

const GRACE_MS = 150;

/** Routing over HTTP: roles, tenancy, the agent's line, supervisors' moves, surge plans, the widget's status. */
describe('routing over HTTP', () => {
  let t: TestApp;
  let admin: SignedIn;
  let supervisor: SignedIn;
  let agent: SignedIn;
  let otherAdmin: SignedIn;
  let kbEditor: SignedIn;
  let stopEffects: () => void;
  let visitor: { token: string; contactId: string };
  let conversationId: string;
  const ws = () => t.workspaces[0];
  const call = (who: SignedIn | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: who?.headers ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const settle = async () => {
    for (let i = 0; i < 5; i++) await (t.ctx.bus as LocalBus).settle();
  };
  const profile = (skills: Record<string, number>, capacity = 1) => ({
    skills,
    languages: ['zh'],
    teams: ['general'],
    level: 2,
    capacity: { web_widget: capacity, api: 0 },
  });

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    // A short absence grace in real time; the test clock decides whether it has run out.
    stopEffects = startRoutingEffects(
      t.ctx,
      { bus: t.ctx.bus as LocalBus, lock: new LocalLock({ clock: t.clock }) },
      { absenceGraceMs: GRACE_MS },
    );
    admin = await signIn(t.app, ws().users.admin.email);
    supervisor = await signIn(t.app, ws().users.supervisor.email);
    agent = await signIn(t.app, ws().users.agent.email);
    kbEditor = await signIn(t.app, ws().users.kb_editor.email);
    otherAdmin = await signIn(t.app, t.workspaces[1].users.admin.email);
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/session',
      payload: { workspaceKey: ws().widgetKey, locale: 'zh-CN' },
    });
    visitor = session.json();
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/messages',
      headers: { authorization: `Bearer ${visitor.token}` },
      payload: { clientMessageId: 'v-1', text: '你们怎么回事！我要投诉，退款一直没到账' },
    });
    conversationId = sent.json().conversation.id;
  });
  afterAll(async () => {
    stopEffects();
    await t.close();
  });

  it('refuses the wrong roles and hides another workspace’s ids', async () => {
    expect((await call(agent, 'GET', '/api/v1/routing/board')).statusCode).toBe(403);
    expect((await call(agent, 'PUT', `/api/v1/routing/agents/${ws().users.agent.id}`, profile({}))).statusCode).toBe(
      403,
    );
    expect((await call(supervisor, 'GET', '/api/v1/routing/settings')).statusCode).toBe(403);
    expect((await call(kbEditor, 'GET', '/api/v1/routing/queue')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/v1/routing/queue')).statusCode).toBe(401);
    expect(
      (
        await call(agent, 'POST', `/api/v1/routing/conversations/${conversationId}/reassign`, {
          toAgentId: ws().users.agent.id,
        })
      ).statusCode,
    ).toBe(403);
    expect((await call(agent, 'PATCH', `/api/v1/contacts/${visitor.contactId}`, { tier: 'vip' })).statusCode).toBe(403);
    // Another tenant's admin: every id of workspace A is "not found".
    expect(
      (await call(otherAdmin, 'PUT', `/api/v1/routing/agents/${ws().users.agent.id}`, profile({}))).statusCode,
    ).toBe(404);
    expect(
      (await call(otherAdmin, 'POST', `/api/v1/routing/conversations/${conversationId}/take-over`, {})).statusCode,
    ).toBe(404);
    expect(
      (
        await call(otherAdmin, 'POST', `/api/v1/routing/conversations/${conversationId}/transfer`, {
          toTeam: 'billing',
        })
      ).statusCode,
    ).toBe(404);
    expect((await call(otherAdmin, 'PATCH', `/api/v1/contacts/${visitor.contactId}`, { tier: 'vip' })).statusCode).toBe(
      404,
    );
    expect((await call(otherAdmin, 'GET', `/api/v1/contacts/${visitor.contactId}/conversations`)).statusCode).toBe(404);
  });

  it('rejects weights that are negative or sum to zero, and bad hours, with 4xx codes that name the problem', async () => {
    const settings = (await call(admin, 'GET', '/api/v1/routing/settings')).json();
    const zero = await call(admin, 'PUT', '/api/v1/routing/settings', {
      ...settings,
      weights: { value: 0, complexity: 0, sentiment: 0, waiting: 0, sla: 0 },
    });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.code).toBe('invalid_routing_weights');
    const negative = await call(admin, 'PUT', '/api/v1/routing/settings', {
      ...settings,
      weights: { ...settings.weights, sentiment: -2 },
    });
    expect(negative.json().error.code).toBe('invalid_routing_weights');
    const hours = await call(admin, 'PUT', '/api/v1/routing/teams/general', {
      name: '综合组',
      hours: { timeZone: 'Mars/Olympus', weekly: { 1: ['09:00-18:00'] }, holidays: [] },
    });
    expect(hours.statusCode).toBe(400);
    const ok = await call(admin, 'PUT', '/api/v1/routing/teams/general', {
      name: '综合组 General',
      hours: { timeZone: 'Asia/Shanghai', weekly: {}, holidays: ['2026-10-01'] },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('sets the customer tier, routes the conversation to the skilled agent, and lets supervisors move it', async () => {
    const tier = await call(supervisor, 'PATCH', `/api/v1/contacts/${visitor.contactId}`, {
      tier: 'vip',
      attributes: { 会员等级: '黑金', orders: 12 },
    });
    expect(tier.json()).toMatchObject({ tier: 'vip', attributes: { 会员等级: '黑金', orders: 12 } });
    expect(
      (await call(admin, 'PUT', `/api/v1/routing/agents/${ws().users.agent.id}`, profile({ complaints: 3 })))
        .statusCode,
    ).toBe(200);
    expect(
      (await call(admin, 'PUT', `/api/v1/routing/agents/${ws().users.supervisor.id}`, profile({}, 2))).statusCode,
    ).toBe(200);
    await call(agent, 'PUT', '/api/v1/presence', { status: 'online' });
    await enqueueConversation(t.ctx, {
      workspaceId: ws().id,
      conversationId,
      team: 'general',
      priority: 70,
      reason: 'negative_sentiment',
      facts: { valueTier: 'vip', language: 'zh', sentiment: -0.8, anger: 0.9 },
    });
    await settle();
    const queue = (await call(agent, 'GET', '/api/v1/routing/queue')).json();
    expect(queue.mine.map((m: { conversationId: string }) => m.conversationId)).toEqual([conversationId]);
    expect(queue.load).toMatchObject({ web_widget: 1 });
    const detail = (await call(agent, 'GET', `/api/v1/conversations/${conversationId}`)).json();
    expect(detail).toMatchObject({ status: 'assigned', assigneeId: ws().users.agent.id });

    const board = (await call(supervisor, 'GET', '/api/v1/routing/board')).json();
    expect(board.agents.find((a: { userId: string }) => a.userId === ws().users.agent.id)).toMatchObject({
      status: 'online',
      conversations: [conversationId],
    });
    expect(board.serviceLevel.answered).toBe(1);

    const join = await call(supervisor, 'POST', `/api/v1/routing/conversations/${conversationId}/silent-join`);
    expect(join.json()).toEqual({ agentId: ws().users.agent.id });
    const audit = await listAuditEntries(t.ctx.db, ws().id, { action: 'routing.silent_join' });
    expect(audit).toHaveLength(1);

    // Two supervisors' moves from the same view: the second one names a holder who no longer holds it.
    const take = await call(supervisor, 'POST', `/api/v1/routing/conversations/${conversationId}/take-over`, {
      fromAgentId: ws().users.agent.id,
    });
    expect(take.json()).toEqual({ previousAgentId: ws().users.agent.id });
    const late = await call(admin, 'POST', `/api/v1/routing/conversations/${conversationId}/reassign`, {
      toAgentId: ws().users.agent.id,
      fromAgentId: ws().users.agent.id,
    });
    expect(late.statusCode).toBe(409);
    const history = (await call(agent, 'GET', `/api/v1/contacts/${visitor.contactId}/conversations`)).json();
    expect(history.conversations[0]).toMatchObject({ id: conversationId, assigneeId: ws().users.supervisor.id });

    // Resolving frees the supervisor's capacity in routing's ledger.
    await call(supervisor, 'POST', `/api/v1/conversations/${conversationId}/transitions`, { to: 'resolved' });
    await settle();
    const after = (await call(supervisor, 'GET', '/api/v1/routing/board')).json();
    expect(after.agents.every((a: { conversations: string[] }) => a.conversations.length === 0)).toBe(true);
  });

  it('a surge plan switched on shows its bot-first announcement to the widget, audited on and off', async () => {
    const created = await call(supervisor, 'POST', '/api/v1/routing/surge-plans', {
      name: '双十一高峰',
      team: null,
      trigger: { kind: 'queue_length', threshold: 20 },
      actions: {
        botFirst: {
          announcement: { zh: '咨询高峰，机器人优先为您服务', en: 'We are busy: our assistant answers first' },
        },
        queueCap: { max: 30, offer: 'leave_message' },
      },
    });
    expect(created.statusCode).toBe(201);
    const planId = created.json().id;
    expect((await call(otherAdmin, 'POST', `/api/v1/routing/surge-plans/${planId}/activate`, {})).statusCode).toBe(404);
    expect((await call(agent, 'POST', `/api/v1/routing/surge-plans/${planId}/activate`, {})).statusCode).toBe(403);
    const on = await call(supervisor, 'POST', `/api/v1/routing/surge-plans/${planId}/activate`, { reason: '大促' });
    expect(on.json()).toMatchObject({ active: true, activatedBy: `user:${ws().users.supervisor.id}` });
    const status = await t.app.inject({
      method: 'GET',
      url: '/api/v1/widget/routing-status',
      headers: { authorization: `Bearer ${visitor.token}` },
    });
    expect(status.json().botFirst).toEqual({
      zh: '咨询高峰，机器人优先为您服务',
      en: 'We are busy: our assistant answers first',
    });
    await call(supervisor, 'POST', `/api/v1/routing/surge-plans/${planId}/deactivate`, {});
    const entries = await listAuditEntries(t.ctx.db, ws().id, {});
    const actions = entries.map((e) => e.action);
    expect(actions).toContain('routing.surge_activated');
    expect(actions).toContain('routing.surge_deactivated');
  });

  it('bot-first: while the plan is on, a calm regular customer’s hand-off goes back to the bot with the announcement', async () => {
    const plans = (await call(supervisor, 'GET', '/api/v1/routing/surge-plans')).json().plans as Array<{ id: string }>;
    await call(supervisor, 'POST', `/api/v1/routing/surge-plans/${plans[0]?.id}/activate`, {});
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/session',
      payload: { workspaceKey: ws().widgetKey, locale: 'zh-CN' },
    });
    const calm = session.json();
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/messages',
      headers: { authorization: `Bearer ${calm.token}` },
      payload: { clientMessageId: 'calm-1', text: '请问发票怎么开？转人工' },
    });
    const id = sent.json().conversation.id as string;
    await enqueueConversation(t.ctx, {
      workspaceId: ws().id,
      conversationId: id,
      team: 'general',
      priority: 20,
      reason: 'asks_for_human',
    });
    await t.ctx.bus.publish('conversation.handed_off', {
      type: 'conversation.handed_off',
      workspaceId: ws().id,
      id: 'evt_test',
      at: t.clock.now(),
      payload: { conversationId: id, contactId: calm.contactId, reason: 'asks_for_human' },
    });
    await settle();
    const detail = (await call(agent, 'GET', `/api/v1/conversations/${id}`)).json();
    expect(detail.status).toBe('bot');
    const messages = (await call(agent, 'GET', `/api/v1/conversations/${id}/messages`)).json().messages as Array<{
      text: string;
    }>;
    expect(messages.map((m) => m.text)).toContain('咨询高峰，机器人优先为您服务');
    await call(supervisor, 'POST', `/api/v1/routing/surge-plans/${plans[0]?.id}/deactivate`, {});
  });
  it('a tier change through the API re-ranks the customer’s waiting conversation; a queue cap offers the widget a way out', async () => {
    // Nobody online: both customers wait.
    await call(agent, 'PUT', '/api/v1/presence', { status: 'offline' });
    await call(supervisor, 'PUT', '/api/v1/presence', { status: 'offline' });
    const customers: Array<{ token: string; contactId: string; conversationId: string }> = [];
    for (const [i, text] of ['你好，想咨询一下会员积分', '请帮我查一下订单物流'].entries()) {
      const session = (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/widget/session',
          payload: { workspaceKey: ws().widgetKey, locale: 'zh-CN' },
        })
      ).json();
      const sent = await t.app.inject({
        method: 'POST',
        url: '/api/v1/widget/messages',
        headers: { authorization: `Bearer ${session.token}` },
        payload: { clientMessageId: `rank-${i}`, text },
      });
      customers.push({ ...session, conversationId: sent.json().conversation.id });
      t.clock.advance(2_000);
    }
    await settle();
    const order = async () =>
      ((await call(supervisor, 'GET', '/api/v1/routing/queue')).json().waiting as Array<{ conversationId: string }>)
        .map((w) => w.conversationId)
        .filter((id) => customers.some((c) => c.conversationId === id));
    const [first, second] = customers as [(typeof customers)[0], (typeof customers)[0]];
    expect(await order()).toEqual([first.conversationId, second.conversationId]);
    const changed = await call(admin, 'PATCH', `/api/v1/contacts/${second.contactId}`, { tier: 'vip' });
    expect(changed.statusCode).toBe(200);
    await settle();
    expect(await order()).toEqual([second.conversationId, first.conversationId]);
    // And back through the import: the first customer made VIP too ranks by arrival again.
    const imported = await call(admin, 'POST', '/api/v1/contacts/import', {
      contacts: [{ contactId: first.contactId, tier: 'vip' }],
    });
    expect(imported.json()).toEqual({ updated: 1, unknown: [] });
    await settle();
    expect(await order()).toEqual([first.conversationId, second.conversationId]);

    // A queue cap of one: with two waiting, the widget offers a call-back instead of waiting; without a plan, not.
    const widgetStatus = async (token: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/widget/routing-status',
          headers: { authorization: `Bearer ${token}` },
        })
      ).json();
    expect((await widgetStatus(second.token)).offer).toBeNull();
    const plan = await call(supervisor, 'POST', '/api/v1/routing/surge-plans', {
      name: '排队上限',
      team: null,
      trigger: { kind: 'manual' },
      actions: { queueCap: { max: 1, offer: 'callback' } },
    });
    await call(supervisor, 'POST', `/api/v1/routing/surge-plans/${plan.json().id}/activate`, {});
    const capped = await widgetStatus(second.token);
    expect(capped).toMatchObject({ offer: 'callback', queue: { position: 2 } });
    await call(supervisor, 'POST', `/api/v1/routing/surge-plans/${plan.json().id}/deactivate`, {});
    expect((await widgetStatus(second.token)).offer).toBeNull();
  });
  it('an agent who goes away keeps their conversation through a flap; away past the grace, it goes to a colleague', async () => {
    // Customers are waiting (from the test before); the agent comes online and takes the first one.
    await call(supervisor, 'PUT', '/api/v1/presence', { status: 'offline' });
    await call(agent, 'PUT', '/api/v1/presence', { status: 'online' });
    await settle();
    const mine = (await call(agent, 'GET', '/api/v1/routing/queue')).json().mine as Array<{ conversationId: string }>;
    expect(mine).toHaveLength(1);
    const id = mine[0]?.conversationId as string;
    const conversation = async () => (await call(admin, 'GET', `/api/v1/conversations/${id}`)).json();
    expect((await conversation()).assigneeId).toBe(ws().users.agent.id);
    const wait = () => new Promise((resolve) => setTimeout(resolve, GRACE_MS * 6));

    // Flapping: away, back, away again. More than the grace has passed since the first "away", not since the
    // last change, which is what counts: nothing moves. (Timers run in real time; the test clock is what they read.)
    await call(agent, 'PUT', '/api/v1/presence', { status: 'away' });
    t.clock.advance(GRACE_MS / 2 + 10);
    await call(agent, 'PUT', '/api/v1/presence', { status: 'online' });
    await call(agent, 'PUT', '/api/v1/presence', { status: 'away' });
    t.clock.advance(GRACE_MS / 2 + 10);
    await wait();
    await settle();
    expect((await conversation()).assigneeId).toBe(ws().users.agent.id);

    // Offline, and the grace runs out with nobody online: back in line with its VIP tier; a colleague takes it.
    await call(agent, 'PUT', '/api/v1/presence', { status: 'offline' });
    t.clock.advance(GRACE_MS);
    await wait();
    await settle();
    expect(await conversation()).toMatchObject({ status: 'queued', assigneeId: null });
    const waiting = (await call(supervisor, 'GET', '/api/v1/routing/queue')).json().waiting as Array<{
      conversationId: string;
      valueTier: string;
    }>;
    expect(waiting.find((w) => w.conversationId === id)?.valueTier).toBe('vip');
    expect(
      (await call(admin, 'PUT', `/api/v1/routing/agents/${ws().users.supervisor.id}`, profile({}, 5))).statusCode,
    ).toBe(200);
    await call(supervisor, 'PUT', '/api/v1/presence', { status: 'online' });
    await settle();
    expect((await conversation()).assigneeId).toBe(ws().users.supervisor.id);
    const requeued = await t.ctx.db
      .selectFrom('reporting_events')
      .select('data')
      .where('type', '=', 'routing.requeued')
      .where('conversation_id', '=', id)
      .execute();
    expect(requeued.map((r) => JSON.parse(r.data as string).from)).toEqual([ws().users.agent.id]);
  });
});
