import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoBot } from '../src/bot/demo/seed-demo-bot.ts';
import { configureBot } from '../src/bot/index.ts';
import { settleBotTurns } from '../src/conversations/bot-turns.ts';
import { startWebhooks } from '../src/integrations/webhooks.ts';
import { DbJobQueue } from '../src/platform/jobs/db-job-queue.ts';
import { verifyBodySignature } from '../src/security/signature.ts';
import { startBotEffects } from '../src/workers/bot-effects.ts';
import { type BusinessApi, startBusinessApi } from './support/business-api.ts';
import { testEngines } from './support/engines.ts';
import { createTestApp, signIn, type TestApp } from './support/test-app.ts';

/** The bot's HTTP edges: who may read briefs, configure the bot, read tickets, manage webhooks, and rate a chat. */
describe.each(testEngines())('bot, tickets, webhooks and surveys over HTTP on %s', (engine) => {
  let t: TestApp;
  let api: BusinessApi;
  let hooks: Server;
  const received: Array<{ body: string; signature: string; event: string }> = [];
  let failFirst = 2;
  let jobs: DbJobQueue;
  let stops: Array<() => void>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const ws = t.workspaces[0];
    const { ensureDefaultInboxes } = await import('../src/conversations/commands/ensure-default-inboxes.ts');
    await ensureDefaultInboxes(t.ctx, ws.id);
    await seedDemoBot(t.ctx, ws.id);
    api = await startBusinessApi();
    configureBot(t.ctx, { selfUrl: api.url });
    hooks = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        // The first deliveries fail, so the retry path is exercised.
        if (failFirst-- > 0) {
          res.writeHead(503).end();
          return;
        }
        received.push({
          body: Buffer.concat(chunks).toString('utf8'),
          signature: String(req.headers['x-lingxi-signature']),
          event: String(req.headers['x-lingxi-event']),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
    jobs = new DbJobQueue({
      db: t.ctx.db,
      clock: { now: () => Date.now() },
      logger: t.ctx.logger,
      pollIntervalMs: 20,
      backoff: { baseMs: 20, maxMs: 100, jitter: 0 },
    });
    const bus = t.ctx.bus as unknown as Parameters<typeof startBotEffects>[1];
    stops = [startBotEffects(t.ctx, bus), startWebhooks(t.ctx, bus, jobs)];
    await jobs.start();
  }, 60_000);
  afterAll(async () => {
    for (const stop of stops) stop();
    await jobs.close();
    await api.close();
    hooks.closeAllConnections();
    await new Promise((resolve) => hooks.close(resolve));
    await t.close();
  });

  async function visitorSession() {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/session',
      payload: { workspaceKey: t.workspaces[0].widgetKey },
    });
    return { authorization: `Bearer ${res.json().token as string}` };
  }

  async function say(headers: Record<string, string>, text: string, id: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/messages',
      headers,
      payload: { clientMessageId: id, text },
    });
    expect(res.statusCode).toBeLessThan(300);
    await settleBotTurns(t.ctx);
    return res.json() as { conversation: { id: string; status: string } };
  }

  it('opens widget conversations with the bot and shows agents its brief and reasons; wrong roles are refused', async () => {
    const admin = await signIn(t.app, t.workspaces[0].users.admin.email);
    const webhook = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.headers,
      payload: {
        url: `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`,
        events: ['conversation.handed_off', 'survey.submitted'],
      },
    });
    expect(webhook.statusCode).toBe(201);
    const secret = webhook.json().secret as string;

    const visitor = await visitorSession();
    const first = await say(visitor, '你好', 'v1');
    expect(first.conversation.status).toBe('bot');
    const messages = await t.app.inject({ method: 'GET', url: '/api/v1/widget/conversation', headers: visitor });
    expect(messages.json().messages.map((m: { senderType: string }) => m.senderType)).toEqual(['contact', 'bot']);
    await say(visitor, '转人工', 'v2');
    const conversationId = first.conversation.id;

    const agent = await signIn(t.app, t.workspaces[0].users.agent.email);
    const bot = await t.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversationId}/bot`,
      headers: agent.headers,
    });
    expect(bot.statusCode).toBe(200);
    expect(bot.json().brief).toMatchObject({ reason: 'asks_for_human', customerWords: ['你好', '转人工'] });
    expect(bot.json().decisions.map((d: { reason: string }) => d.reason)).toEqual([
      'small_talk:greeting',
      'handoff:asks_for_human',
    ]);
    const editor = await signIn(t.app, t.workspaces[0].users.kb_editor.email);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/conversations/${conversationId}/bot`,
          headers: editor.headers,
        })
      ).statusCode,
    ).toBe(403);
    const otherTenant = await signIn(t.app, t.workspaces[1].users.admin.email);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/conversations/${conversationId}/bot`,
          headers: otherTenant.headers,
        })
      ).statusCode,
    ).toBe(404);

    // The hand-off reached the webhook, signed, after two failed attempts.
    await expect
      .poll(() => received.find((r) => r.event === 'conversation.handed_off'), { timeout: 10_000 })
      .toBeDefined();
    const hook = received.find((r) => r.event === 'conversation.handed_off');
    expect(verifyBodySignature(secret, hook?.signature, hook?.body as string, t.clock.now())).toBe(true);
    expect(JSON.parse(hook?.body as string).data).toMatchObject({ reason: 'asks_for_human' });
    // The receiver has the request before the job records the answer: wait for the record.
    const latestDelivery = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/webhooks/deliveries', headers: admin.headers })).json()
        .deliveries[0];
    await expect.poll(latestDelivery, { timeout: 10_000 }).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/webhooks/deliveries', headers: agent.headers })).statusCode,
    ).toBe(403);

    // The agent takes it, the bot stays silent, the agent hands back, the bot speaks again.
    const take = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/transitions`,
      headers: agent.headers,
      payload: { to: 'assigned' },
    });
    expect(take.statusCode).toBe(200);
    await say(visitor, '你好', 'v3');
    let thread = await t.app.inject({ method: 'GET', url: '/api/v1/widget/conversation', headers: visitor });
    expect(thread.json().messages.at(-1).senderType).toBe('contact');
    const back = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/transitions`,
      headers: agent.headers,
      payload: { to: 'bot' },
    });
    expect(back.json().status).toBe('bot');
    await say(visitor, '谢谢', 'v4');
    thread = await t.app.inject({ method: 'GET', url: '/api/v1/widget/conversation', headers: visitor });
    expect(thread.json().messages.at(-1)).toMatchObject({ senderType: 'bot' });

    // The customer rates the resolved conversation once; staff cannot rate; an open conversation cannot be rated.
    const early = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/survey',
      headers: visitor,
      payload: { conversationId, csat: 5 },
    });
    expect(early.statusCode).toBe(409);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/transitions`,
      headers: agent.headers,
      payload: { to: 'resolved' },
    });
    const rated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/survey',
      headers: visitor,
      payload: { conversationId, csat: 4, nps: 9, comment: '很好 <b>great</b>' },
    });
    expect(rated.statusCode).toBe(201);
    expect(rated.json()).toMatchObject({ csat: 4, nps: 9, comment: '很好 <b>great</b>' });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/widget/survey',
          headers: visitor,
          payload: { conversationId, csat: 1 },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/widget/survey',
          headers: visitor,
          payload: { conversationId, csat: 6 },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/widget/survey',
          headers: agent.headers,
          payload: { conversationId, csat: 5 },
        })
      ).statusCode,
    ).toBe(403);
    await expect.poll(() => received.some((r) => r.event === 'survey.submitted'), { timeout: 10_000 }).toBe(true);
  }, 60_000);

  it('lets admins change the bot and its flows, supervisors read them, and others nothing', async () => {
    const admin = await signIn(t.app, t.workspaces[0].users.admin.email);
    const supervisor = await signIn(t.app, t.workspaces[0].users.supervisor.email);
    const agent = await signIn(t.app, t.workspaces[0].users.agent.email);
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/bot', headers: supervisor.headers });
    expect(read.statusCode).toBe(200);
    expect(read.json().settings.actionSecret).toBe('••••••');
    expect(
      read
        .json()
        .flows.map((f: { intent: string }) => f.intent)
        .sort(),
    ).toEqual(['change_address', 'complaint', 'order_status', 'refund_request']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/bot', headers: agent.headers })).statusCode).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/bot',
          headers: supervisor.headers,
          payload: { enabled: false },
        })
      ).statusCode,
    ).toBe(403);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/bot/flows/order_status',
      headers: admin.headers,
      payload: { intent: 'x', slots: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
    const flow = {
      intent: 'invoice',
      name: { zh: '开发票', en: 'Invoice' },
      slots: [
        {
          name: 'email',
          entities: ['email'],
          prompt: { zh: '发票发到哪个邮箱？', en: 'Which email?' },
          reprompt: { zh: '请输入邮箱', en: 'Please type an email' },
        },
      ],
      done: { zh: '发票将发送到 {{email}}', en: 'The invoice goes to {{email}}' },
    };
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/v1/bot/flows/invoice', headers: admin.headers, payload: flow }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/v1/bot/flows/invoice', headers: admin.headers })).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/v1/bot/flows/invoice', headers: admin.headers })).statusCode,
    ).toBe(404);
    const tickets = await t.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: agent.headers });
    expect(tickets.statusCode).toBe(200);
    const editor = await signIn(t.app, t.workspaces[0].users.kb_editor.email);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: editor.headers })).statusCode).toBe(
      403,
    );
  }, 30_000);
});
