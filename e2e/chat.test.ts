import type { Browser, Locator, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateBotConfig } from '../server/src/bot/commands/update-bot.ts';
import type { RunningServer } from '../server/src/server.ts';
import { type E2eBed, openE2eBed } from './harness.ts';

const ADMIN_EMAIL = 'admin@demo.lingxi.local';
const ADMIN_PASSWORD = 'e2e-Admin-passw0rd';
const VISITOR_TEXT = '你好，我的订单还没到';
const AGENT_TEXT = '您好，我来帮您查一下';
const STEP_MS = 15_000;

/** Texts of the visible messages, in the order shown. */
async function texts(messages: Locator, textSelector: string): Promise<string[]> {
  return messages.locator(textSelector).allTextContents();
}

async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/console`);
  await page.getByTestId('login-email').fill(ADMIN_EMAIL);
  await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.locator('.live-on').waitFor({ timeout: STEP_MS });
}

/** After a reload the socket resumes and may replay messages: give a replay time to (wrongly) add duplicates. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(800);
}

describe('chat between a website visitor and an agent', () => {
  let server: RunningServer;
  let browser: Browser;
  let bed: E2eBed;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    bed = await openE2eBed('chat', { adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD });
    server = bed.server;
    // This is the foundation's visitor ↔ agent path: conversations go straight to the agents' queue. The bot's own
    // browser test covers conversations the bot answers first.
    const workspaceId = server.demo?.workspaceId as string;
    await updateBotConfig(server.ctx, { workspaceId, enabled: false });
    browser = bed.browser;
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('delivers the visitor message live to the console, the reply back, and shows each message once after reloads', async () => {
    const base = server.url.replace('localhost', '127.0.0.1');
    const agentContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 820 } });
    const visitorContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    const visitor = await visitorContext.newPage();
    for (const page of [agent, visitor]) page.on('pageerror', (error) => pageErrors.push(error.message));

    // The agent signs in first: the new conversation must reach the open list without a reload.
    await signIn(agent, base);
    const items = agent.getByTestId('conversation-item');
    await agent.waitForLoadState('networkidle');
    const before = await items.count();
    expect(await items.filter({ hasText: VISITOR_TEXT }).count()).toBe(0);

    // The visitor opens the shop, opens the widget and writes.
    await visitor.goto(`${base}/demo`);
    await visitor.getByTestId('widget-launcher').click();
    await visitor.getByTestId('widget-input').fill(VISITOR_TEXT);
    await visitor.getByTestId('widget-input').press('Enter');
    const visitorMessages = visitor.getByTestId('widget-message');
    await visitorMessages
      .and(visitor.locator('[data-state="sent"]'))
      .filter({ hasText: VISITOR_TEXT })
      .waitFor({ timeout: STEP_MS });

    // The agent's list shows it live; the agent opens it and replies.
    const item = agent.getByTestId('conversation-item').filter({ hasText: VISITOR_TEXT });
    await item.waitFor({ timeout: STEP_MS });
    await item.click();
    const agentMessages = agent.getByTestId('message');
    await agentMessages.filter({ hasText: VISITOR_TEXT }).waitFor({ timeout: STEP_MS });
    await agent.getByTestId('reply-input').fill(AGENT_TEXT);
    await agent.getByTestId('reply-input').press('Enter');
    await agentMessages.filter({ hasText: AGENT_TEXT }).waitFor({ timeout: STEP_MS });

    // The visitor sees the reply live.
    await visitorMessages.filter({ hasText: AGENT_TEXT }).waitFor({ timeout: STEP_MS });
    expect(await texts(visitorMessages, '.bubble')).toEqual([VISITOR_TEXT, AGENT_TEXT]);

    // After reloading, both sides show the whole conversation exactly once, in order.
    await Promise.all([visitor.reload(), agent.reload()]);
    await visitor.getByTestId('widget-launcher').click();
    await visitorMessages.filter({ hasText: AGENT_TEXT }).waitFor({ timeout: STEP_MS });
    await agentMessages.filter({ hasText: AGENT_TEXT }).waitFor({ timeout: STEP_MS });
    await agent.locator('.live-on').waitFor({ timeout: STEP_MS });
    await settle(visitor);
    expect(await texts(visitorMessages, '.bubble')).toEqual([VISITOR_TEXT, AGENT_TEXT]);
    expect(await texts(agentMessages, '.bubble-text')).toEqual([VISITOR_TEXT, AGENT_TEXT]);
    expect(await items.count()).toBe(before + 1);

    expect(pageErrors).toEqual([]);
    await agentContext.close();
    await visitorContext.close();
  }, 90_000);

  it('sends over REST while the socket is down, and shows markup as plain text on both sides', async () => {
    const base = server.url.replace('localhost', '127.0.0.1');
    const markup = '<b>订单</b><img src=x onerror="document.title=\'pwned\'"> arrived?';
    const visitorContext = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 760 } });
    // Every socket the visitor opens is closed at once: the widget must fall back to POST /widget/messages.
    await visitorContext.routeWebSocket(/\/api\/v1\/ws/, (socket) =>
      socket.close({ code: 1011, reason: 'down for the test' }),
    );
    const visitor = await visitorContext.newPage();
    visitor.on('pageerror', (error) => pageErrors.push(error.message));
    await visitor.goto(`${base}/demo`);
    await visitor.getByTestId('widget-launcher').click();
    await visitor.getByTestId('widget-input').fill(markup);
    await visitor.getByTestId('widget-send').click();
    const sent = visitor.getByTestId('widget-message').and(visitor.locator('[data-state="sent"]'));
    await sent.waitFor({ timeout: STEP_MS });
    expect(await sent.locator('.bubble').allTextContents()).toEqual([markup]);

    const agentContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 820 } });
    const agent = await agentContext.newPage();
    agent.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(agent, base);
    const item = agent.getByTestId('conversation-item').filter({ hasText: 'arrived?' });
    await item.click();
    const message = agent.getByTestId('message').filter({ hasText: 'arrived?' });
    await message.waitFor({ timeout: STEP_MS });
    expect(await message.locator('.bubble-text').textContent()).toBe(markup);
    for (const page of [agent, visitor]) {
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.title()).not.toBe('pwned');
    }
    expect(pageErrors).toEqual([]);
    await agentContext.close();
    await visitorContext.close();
  }, 90_000);

  it('reconnects after the socket drops and resumes with the missed reply, shown once', async () => {
    const base = server.url.replace('localhost', '127.0.0.1');
    const question = '我想退货，怎么操作？';
    const answer = '请在订单页点击“申请退货”';
    const visitorContext = await browser.newContext({ locale: 'zh-CN' });
    // The visitor's sockets go through the test: while `down`, every attempt is refused and open ones are dropped.
    let down = false;
    const open: WebSocketRoute[] = [];
    await visitorContext.routeWebSocket(/\/api\/v1\/ws/, (socket) => {
      if (down) return socket.close({ code: 1012, reason: 'restarting' });
      socket.connectToServer();
      open.push(socket);
    });
    const visitor = await visitorContext.newPage();
    visitor.on('pageerror', (error) => pageErrors.push(error.message));
    await visitor.goto(`${base}/demo`);
    await visitor.getByTestId('widget-launcher').click();
    await visitor.getByTestId('widget-input').fill(question);
    await visitor.getByTestId('widget-input').press('Enter');
    const visitorMessages = visitor.getByTestId('widget-message');
    await visitorMessages
      .and(visitor.locator('[data-state="sent"]'))
      .filter({ hasText: question })
      .waitFor({ timeout: STEP_MS });
    await expect.poll(() => open.length, { timeout: STEP_MS }).toBeGreaterThan(0);

    down = true;
    for (const socket of open.splice(0)) await socket.close({ code: 1012, reason: 'restarting' });

    const agentContext = await browser.newContext({ locale: 'zh-CN' });
    const agent = await agentContext.newPage();
    agent.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(agent, base);
    await agent.getByTestId('conversation-item').filter({ hasText: question }).click();
    await agent.getByTestId('reply-input').fill(answer);
    await agent.getByTestId('reply-send').click();
    await agent.getByTestId('message').filter({ hasText: answer }).waitFor({ timeout: STEP_MS });
    expect(await visitorMessages.filter({ hasText: answer }).count()).toBe(0);

    down = false;
    await visitorMessages.filter({ hasText: answer }).waitFor({ timeout: 20_000 });
    await settle(visitor);
    expect(await texts(visitorMessages, '.bubble')).toEqual([question, answer]);
    expect(pageErrors).toEqual([]);
    await agentContext.close();
    await visitorContext.close();
  }, 90_000);
});
