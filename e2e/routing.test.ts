import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateContactProfile } from '../server/src/conversations/commands/update-contact-profile.ts';
import { conversationPort } from '../server/src/conversations/routing-port.ts';
import { updateAgentProfile, updateRoutingSettings } from '../server/src/routing/commands/configure-routing.ts';
import { saveSurgePlan, switchSurgePlan } from '../server/src/routing/commands/surge-plans.ts';
import type { RoutingDeps } from '../server/src/routing/ports.ts';
import { DEFAULT_SETTINGS } from '../server/src/routing/settings-store.ts';
import type { RunningServer } from '../server/src/server.ts';
import { type E2eBed, openE2eBed } from './harness.ts';

const ADMIN_EMAIL = 'admin@demo.lingxi.local';
const ADMIN_PASSWORD = 'e2e-Admin-passw0rd';
const STEP_MS = 20_000;
const ANGRY = '你们太过分了！我非常生气，快递一直不到，我要投诉！';
const ANNOUNCEMENT = '当前咨询量较大，智能助手优先为您服务';
const TEAMS = ['general', 'customer_care', 'billing'];

describe('routing in the browser: an angry VIP and a regular customer hand off at once', () => {
  let server: RunningServer;
  let browser: Browser;
  let bed: E2eBed;
  let deps: RoutingDeps;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    bed = await openE2eBed('routing', { adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD });
    server = bed.server;
    browser = bed.browser;
    deps = { ctx: server.ctx, lock: server.infrastructure.lock, conversations: conversationPort(server.ctx) };
  });

  afterAll(async () => {
    await bed?.close();
  });

  const account = (email: string) =>
    server.demo?.accounts.find((a) => a.email === email) as { email: string; password: string };
  const userId = async (email: string) =>
    (await server.ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const conversationOf = async (contactId: string) =>
    server.ctx.db
      .selectFrom('conversations')
      .select(['id', 'status', 'assignee_id'])
      .where('contact_id', '=', contactId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

  async function signIn(page: Page, email: string, password: string) {
    const base = server.url.replace('localhost', '127.0.0.1');
    await page.goto(`${base}/console`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.locator('.live-on').waitFor({ timeout: STEP_MS });
    await page.goto(`${base}/console/routing`);
    await page.getByTestId('routing-page').waitFor({ timeout: STEP_MS });
  }

  /** Opens the widget and says hello, so the customer has a contact and a conversation with the bot. */
  async function customer(): Promise<{ page: Page; contactId: string }> {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url.replace('localhost', '127.0.0.1')}/demo`);
    await page.getByTestId('widget-launcher').click();
    await page.getByTestId('widget-input').fill('你好');
    await page.getByTestId('widget-input').press('Enter');
    await page
      .getByTestId('widget-message')
      .and(page.locator('[data-state="sent"]'))
      .first()
      .waitFor({ timeout: STEP_MS });
    const newest = await server.ctx.db
      .selectFrom('conversations')
      .select('contact_id')
      .where('workspace_id', '=', server.demo?.workspaceId as string)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return { page, contactId: newest.contact_id };
  }

  it('serves the VIP first with the skilled agent, queues the regular customer with its place, then assigns it; a surge plan turns on bot-first; a queue cap offers a call-back', async () => {
    const workspaceId = server.demo?.workspaceId as string;
    const admin = await userId(ADMIN_EMAIL);
    const li = await userId('agent.li@demo.lingxi.local');
    const emma = await userId('agent.emma@demo.lingxi.local');
    // Complaints need the complaints skill; asking for a person lands in billing. Only Li has both; Emma does tech.
    await updateRoutingSettings(deps, {
      workspaceId,
      actorId: admin,
      settings: {
        ...DEFAULT_SETTINGS,
        skillRules: [
          { reason: 'negative_sentiment', skills: { complaints: 1 } },
          { reason: 'complaint', skills: { complaints: 1 } },
          { reason: 'asks_for_human', skills: { billing: 1 } },
        ],
      },
    });
    const capacity = { web_widget: 1, api: 0 };
    await updateAgentProfile(deps, {
      workspaceId,
      userId: li,
      actorId: admin,
      profile: { skills: { complaints: 3, billing: 2 }, languages: ['zh'], teams: TEAMS, level: 2, capacity },
    });
    await updateAgentProfile(deps, {
      workspaceId,
      userId: emma,
      actorId: admin,
      profile: { skills: { tech: 3 }, languages: ['zh', 'en'], teams: TEAMS, level: 2, capacity },
    });
    await saveSurgePlan(deps, {
      workspaceId,
      actorId: admin,
      input: {
        name: '高峰应急',
        team: null,
        trigger: { kind: 'queue_length', threshold: 1 },
        actions: { botFirst: { announcement: { zh: ANNOUNCEMENT, en: 'We are busy: our assistant answers first' } } },
      },
    });

    const liPage = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const emmaPage = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await signIn(liPage, 'agent.li@demo.lingxi.local', account('agent.li@demo.lingxi.local').password);
    await signIn(emmaPage, 'agent.emma@demo.lingxi.local', account('agent.emma@demo.lingxi.local').password);
    await expect
      .poll(
        async () =>
          (await server.ctx.db.selectFrom('agent_presence').select('user_id').where('status', '=', 'online').execute())
            .length,
        { timeout: STEP_MS },
      )
      .toBeGreaterThanOrEqual(2);

    const vip = await customer();
    await updateContactProfile(server.ctx, {
      workspaceId,
      contactId: vip.contactId,
      tier: 'vip',
      actor: { type: 'user', id: admin },
    });
    const regular = await customer();

    // The same moment: the VIP writes angrily, the regular customer presses "转人工".
    await Promise.all([
      (async () => {
        await vip.page.getByTestId('widget-input').fill(ANGRY);
        await vip.page.getByTestId('widget-input').press('Enter');
      })(),
      regular.page.getByTestId('widget-talk-to-person').click(),
    ]);

    await expect.poll(async () => (await conversationOf(vip.contactId)).assignee_id, { timeout: STEP_MS }).toBe(li);
    const vipConversation = await conversationOf(vip.contactId);
    expect(vipConversation.status).toBe('assigned');
    await expect
      .poll(async () => (await conversationOf(regular.contactId)).status, { timeout: STEP_MS })
      .toBe('queued');

    // The regular customer sees their place in line, and the surge plan's bot-first announcement.
    const place = regular.page.getByTestId('widget-queue');
    await place.waitFor({ timeout: STEP_MS });
    expect(await place.textContent()).toContain('第 1 位');
    const surge = regular.page.getByTestId('widget-surge');
    await surge.waitFor({ timeout: STEP_MS });
    expect(await surge.textContent()).toBe(ANNOUNCEMENT);

    // Li's console shows the VIP live; Emma (tech) cannot take the waiting billing conversation.
    await liPage
      .locator(`[data-testid="my-conversation"][data-conversation-id="${vipConversation.id}"]`)
      .waitFor({ timeout: STEP_MS });
    expect(await emmaPage.getByTestId('queue-item').count()).toBe(0);

    // Li resolves the VIP with a disposition; her capacity goes at once to the regular customer.
    await liPage.goto(`${server.url.replace('localhost', '127.0.0.1')}/console/routing/${vipConversation.id}`);
    await liPage.getByTestId('customer-tier').waitFor({ timeout: STEP_MS });
    expect(await liPage.getByTestId('customer-tier').textContent()).toContain('VIP');
    await liPage.getByTestId('disposition').selectOption('answered');
    await liPage.getByTestId('resolve-with-disposition').click();
    await expect.poll(async () => (await conversationOf(regular.contactId)).assignee_id, { timeout: STEP_MS }).toBe(li);
    await expect.poll(() => place.isHidden(), { timeout: STEP_MS }).toBe(true);

    // Queue cap (应急预案): two more customers wait while Li is busy; over a cap of one, the widget offers a call-back.
    // The customer takes it with the keyboard alone, types a number, and a call-back ticket is opened.
    // Emma (idle, and able to take a conversation with no skill asked) goes off shift first: otherwise she could take
    // one of the two, leaving the line under the cap (the step raced on it under load).
    await emmaPage.close();
    await expect
      .poll(
        async () =>
          (
            await server.ctx.db
              .selectFrom('agent_presence')
              .select('status')
              .where('user_id', '=', emma)
              .executeTakeFirstOrThrow()
          ).status,
        { timeout: STEP_MS },
      )
      .not.toBe('online');
    const waiting = [await customer(), await customer()];
    for (const c of waiting) {
      // VIPs, so the bot-first plan still on keeps them in line rather than with the bot.
      await updateContactProfile(server.ctx, {
        workspaceId,
        contactId: c.contactId,
        tier: 'vip',
        actor: { type: 'user', id: admin },
      });
      await c.page.getByTestId('widget-talk-to-person').click();
      await expect.poll(async () => (await conversationOf(c.contactId)).status, { timeout: STEP_MS }).toBe('queued');
    }
    const cap = await saveSurgePlan(deps, {
      workspaceId,
      actorId: admin,
      input: {
        name: '排队上限',
        team: null,
        trigger: { kind: 'manual' },
        actions: { queueCap: { max: 1, offer: 'callback' } },
      },
    });
    await switchSurgePlan(deps, { workspaceId, planId: cap.id, active: true, by: `user:${admin}` });
    const last = waiting[1] as (typeof waiting)[number];
    const offer = last.page.getByTestId('widget-offer');
    await offer.waitFor({ timeout: STEP_MS });
    expect(await offer.textContent()).toContain('预约回电');
    await last.page.getByTestId('widget-offer-accept').focus();
    await last.page.keyboard.press('Enter');
    await expect.poll(() => offer.isHidden(), { timeout: STEP_MS }).toBe(true);
    // The bot asks for a number; focus is back in the message box, so the customer just types.
    await last.page.getByText('请留下您的电话号码').first().waitFor({ timeout: STEP_MS });
    await last.page.keyboard.type('13800138000，下午三点以后');
    await last.page.keyboard.press('Enter');
    const lastConversation = await conversationOf(last.contactId);
    await expect
      .poll(
        async () =>
          (
            await server.ctx.db
              .selectFrom('tickets')
              .select('kind')
              .where('conversation_id', '=', lastConversation.id)
              .execute()
          ).map((t) => t.kind),
        { timeout: STEP_MS },
      )
      .toEqual(['callback']);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
