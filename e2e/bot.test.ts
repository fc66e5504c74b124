import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server/src/server.ts';
import { type E2eBed, openE2eBed } from './harness.ts';

const ADMIN_EMAIL = 'admin@demo.lingxi.local';
const ADMIN_PASSWORD = 'e2e-Admin-passw0rd';
const STEP_MS = 20_000;

// The demo shop's knowledge base (server/src/knowledge/demo-faqs.ts). Answers are matched by their opening words.
const FAQ_EXACT = '运费怎么算？';
const FAQ_ANSWER = /^订单满 99 元包邮/;
// An FAQ the demo's intent model, trained on a few dozen phrases, takes for an order question: still answered;
// then the same question in words the FAQ does not list among its similar questions.
const FAQ_INVOICE = '怎么开发票？';
const FAQ_PARAPHRASE = '发票在哪里开';
const INVOICE_ANSWER = /^在订单详情页点击“申请发票”/;
// The demo business API knows order SO20261126001: shipped, due 2026-11-28, tracking SF1402296751.
const WHERE_IS_MY_ORDER = '我的订单到哪了';
const ORDER_NO = 'SO20261126001';
const ANGRY = '你们太过分了！我非常生气，快递一直不到，我要投诉！';
const AGENT_REPLY = '非常抱歉，我是客服小王，马上为您催促快递';
const CUSTOMER_THANKS = '好的，谢谢';

interface BriefView {
  reason: string | null;
  intent: string | null;
  entities: Record<string, string>;
  sentiment: { scores: number[]; trend: number; anger: number };
  customerWords: string[];
}

async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/console`);
  await page.getByTestId('login-email').fill(ADMIN_EMAIL);
  await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.locator('.live-on').waitFor({ timeout: STEP_MS });
}

/** The customer writes in the widget and waits until the message is stored (not just shown as pending). */
async function write(visitor: Page, text: string): Promise<void> {
  await visitor.getByTestId('widget-input').fill(text);
  await visitor.getByTestId('widget-input').press('Enter');
  await visitor
    .getByTestId('widget-message')
    .and(visitor.locator('[data-state="sent"]'))
    .filter({ hasText: text })
    .last()
    .waitFor({ timeout: STEP_MS });
}

/** Waits until the thread holds `count` messages, then returns their texts in order. */
async function threadOf(messages: Locator, textSelector: string, count: number): Promise<string[]> {
  await messages.nth(count - 1).waitFor({ timeout: STEP_MS });
  return messages.locator(textSelector).allTextContents();
}

describe('the bot answers a widget customer, runs a flow, and hands an angry customer to a live agent', () => {
  let server: RunningServer;
  let browser: Browser;
  let bed: E2eBed;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // The demo workspace starts with the bot on (intents, flows, hand-off rules, the demo business API).
    bed = await openE2eBed('bot', { adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD });
    server = bed.server;
    browser = bed.browser;
  });

  afterAll(async () => {
    await bed?.close();
  });

  // Runs first, while no agent has signed in: nobody is online.
  it('on a phone, in English: the "Talk to a person" button with nobody online leads to leave-a-message', async () => {
    const base = server.url.replace('localhost', '127.0.0.1');
    const visitorContext = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 760 } });
    const visitor = await visitorContext.newPage();
    visitor.on('pageerror', (error) => pageErrors.push(error.message));
    await visitor.goto(`${base}/demo`);
    await visitor.getByTestId('widget-launcher').click();
    const bubbles = visitor.getByTestId('widget-message');

    await visitor.getByTestId('widget-talk-to-person').click();
    const notice = bubbles.filter({ hasText: 'no agent is online' });
    await notice.waitFor({ timeout: STEP_MS });
    const choices = notice.getByTestId('widget-quick-reply');
    expect(await choices.allTextContents()).toEqual(['Leave a message', 'Call me back', 'Keep waiting']);
    // Keyboard: the quick reply is a real button.
    await choices.first().focus();
    await visitor.keyboard.press('Enter');
    await bubbles.filter({ hasText: 'Please type your message' }).waitFor({ timeout: STEP_MS });
    expect(await choices.first().isDisabled()).toBe(true);

    await write(visitor, 'My earbuds stopped charging, please email me at li@example.com');
    const taken = bubbles.filter({ hasText: 'Your message has been recorded' });
    await taken.waitFor({ timeout: STEP_MS });
    expect(await taken.locator('.bubble').textContent()).toMatch(/ticket tkt_\w+/);
    expect(await bubbles.locator('.bubble').allTextContents()).toEqual([
      'Talk to a person',
      expect.stringContaining('no agent is online'),
      'Leave a message',
      expect.stringContaining('Please type your message'),
      'My earbuds stopped charging, please email me at li@example.com',
      expect.stringContaining('Your message has been recorded'),
    ]);

    // The agent who signs in later (console in English) reads why this conversation reached them.
    const agentContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
    const agent = await agentContext.newPage();
    agent.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(agent, base);
    await agent.getByTestId('conversation-item').filter({ hasText: 'Your message has been recorded' }).click();
    const reason = agent.getByTestId('brief-reason');
    await reason.waitFor({ timeout: STEP_MS });
    expect(await reason.getAttribute('data-reason')).toBe('asks_for_human');
    expect(await reason.textContent()).toContain('Customer asked for a person');
    expect(await agent.getByTestId('brief-words').locator('li').allTextContents()).toContain('Talk to a person');
    // Leave the console offline again for the next test's own agent.
    await agent.getByTestId('presence-toggle').selectOption('offline');
    await expect.poll(() => agent.getByTestId('presence-toggle').inputValue(), { timeout: STEP_MS }).toBe('offline');
    await agentContext.close();
    await visitorContext.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('FAQ answer, order-status flow, then a negative_sentiment hand-off with the brief in the console', async () => {
    const base = server.url.replace('localhost', '127.0.0.1');
    const agentContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const visitorContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    const visitor = await visitorContext.newPage();
    for (const page of [agent, visitor]) page.on('pageerror', (error) => pageErrors.push(error.message));

    // A live agent: signed in and online before the customer arrives.
    await signIn(agent, base);
    await agent.getByTestId('presence-toggle').selectOption('online');
    await expect.poll(() => agent.getByTestId('presence-toggle').inputValue(), { timeout: STEP_MS }).toBe('online');

    await visitor.goto(`${base}/demo`);
    await visitor.getByTestId('widget-launcher').click();
    const bubbles = visitor.getByTestId('widget-message');
    const botMessages = bubbles.filter({ hasText: /./ }).and(visitor.locator(':not(.mine)'));

    // (1) An FAQ, as written and in other words: the knowledge-base answer with its article card, each time.
    await write(visitor, FAQ_EXACT);
    const firstAnswer = botMessages.nth(0);
    await firstAnswer.waitFor({ timeout: STEP_MS });
    expect(await firstAnswer.locator('.bubble').textContent()).toMatch(FAQ_ANSWER);
    expect(await firstAnswer.getByTestId('widget-card').textContent()).toContain(FAQ_EXACT);

    await write(visitor, FAQ_INVOICE);
    const invoiceAnswer = botMessages.nth(1);
    await invoiceAnswer.waitFor({ timeout: STEP_MS });
    expect(await invoiceAnswer.locator('.bubble').textContent()).toMatch(INVOICE_ANSWER);
    expect(await invoiceAnswer.getByTestId('widget-card').textContent()).toContain(FAQ_INVOICE);

    await write(visitor, FAQ_PARAPHRASE);
    const paraphraseAnswer = botMessages.nth(2);
    await paraphraseAnswer.waitFor({ timeout: STEP_MS });
    expect(await paraphraseAnswer.locator('.bubble').textContent()).toMatch(INVOICE_ANSWER);
    expect(await paraphraseAnswer.getByTestId('widget-card').textContent()).toContain(FAQ_INVOICE);

    // (2) Where is my order: the flow asks for the number, calls the demo business API and shows the order card.
    await write(visitor, WHERE_IS_MY_ORDER);
    const prompt = botMessages.nth(3);
    await prompt.waitFor({ timeout: STEP_MS });
    expect(await prompt.locator('.bubble').textContent()).toContain('订单号');

    await write(visitor, ORDER_NO);
    const status = botMessages.nth(4);
    await status.waitFor({ timeout: STEP_MS });
    const statusText = await status.locator('.bubble').textContent();
    expect(statusText).toContain(ORDER_NO);
    expect(statusText).toContain('已发货');
    expect(statusText).toContain('2026-11-28');
    const orderCard = status.getByTestId('widget-card');
    expect(await orderCard.textContent()).toContain('SF1402296751');

    // (3) An angry complaint: an apology, then the hand-off to a person (someone is online, so no leave-a-message).
    await write(visitor, ANGRY);
    const apology = botMessages.nth(5);
    await apology.waitFor({ timeout: STEP_MS });
    expect(await apology.locator('.bubble').textContent()).toContain('非常抱歉');
    const notice = botMessages.nth(6);
    await notice.waitFor({ timeout: STEP_MS });
    expect(await notice.locator('.bubble').textContent()).toContain('正在为您转接人工客服');
    // The queue line that appears above the input must not hide the newest message.
    await visitor.getByTestId('widget-queue').waitFor({ timeout: STEP_MS });
    await visitor.waitForTimeout(300);
    const fullyShown = () =>
      notice.evaluate((node) => {
        const log = node.closest('.log')?.getBoundingClientRect();
        const own = node.getBoundingClientRect();
        return !!log && own.top >= log.top - 1 && own.bottom <= log.bottom + 1;
      });
    await expect.poll(fullyShown, { timeout: 5_000 }).toBe(true);

    // Every message once, in order, on the customer's side.
    const widgetTexts = await threadOf(bubbles, '.bubble', 13);
    expect(widgetTexts).toHaveLength(13);
    expect(widgetTexts.filter((t) => t === ANGRY)).toHaveLength(1);
    expect(widgetTexts.filter((t) => t === ORDER_NO)).toHaveLength(1);
    expect([0, 2, 4, 6, 8, 10].map((i) => widgetTexts[i])).toEqual([
      FAQ_EXACT,
      FAQ_INVOICE,
      FAQ_PARAPHRASE,
      WHERE_IS_MY_ORDER,
      ORDER_NO,
      ANGRY,
    ]);

    // The agent sees the queued conversation live, opens it, and reads the brief above the thread.
    // Its preview is the bot's last words, the hand-off notice; the demo's seeded conversations are listed too.
    const item = agent.getByTestId('conversation-item').filter({ hasText: '正在为您转接人工客服' });
    await item.first().waitFor({ timeout: STEP_MS });
    expect(await item.count()).toBe(1);
    await item.click();
    const brief = agent.getByTestId('handoff-brief');
    await brief.waitFor({ timeout: STEP_MS });
    expect(await agent.getByTestId('brief-reason').getAttribute('data-reason')).toBe('negative_sentiment');
    expect(await agent.getByTestId('brief-reason').textContent()).toContain('客户情绪负面');
    expect(await agent.getByTestId('brief-intent').textContent()).toBe('complaint');
    expect(await agent.getByTestId('brief-entities').textContent()).toContain(ORDER_NO);
    expect(await agent.getByTestId('brief-sentiment').getAttribute('data-trend')).toBe('falling');
    const words = await agent.getByTestId('brief-words').locator('li').allTextContents();
    expect(words).toContain(ANGRY);
    expect(words).toContain(WHERE_IS_MY_ORDER);
    expect(words.filter((w) => w === ANGRY)).toHaveLength(1);
    expect(await agent.getByTestId('brief-tried').locator('li').count()).toBeGreaterThanOrEqual(4);

    // The same brief through the API, with the reason code and the bot's reasons per message.
    const conversationId = new URL(agent.url()).pathname.split('/').pop() as string;
    const api = await agent.evaluate(async (id) => {
      const response = await fetch(`/api/v1/conversations/${id}/bot`, { credentials: 'same-origin' });
      return (await response.json()) as { brief: BriefView; decisions: Array<{ decision: string; reason: string }> };
    }, conversationId);
    expect(api.brief.reason).toBe('negative_sentiment');
    expect(api.brief.intent).toBe('complaint');
    expect(api.brief.entities).toMatchObject({ order_no: ORDER_NO });
    expect(api.brief.sentiment.scores.at(-1)).toBeLessThan(0);
    expect(api.brief.sentiment.trend).toBeLessThan(0);
    expect(api.decisions.map((d) => d.reason).slice(0, 6)).toEqual([
      'kb_answer',
      'kb_answer',
      'kb_answer',
      'flow:order_status:prompt:order_no',
      'flow:order_status:action:ok',
      'handoff:negative_sentiment',
    ]);
    expect(await agent.getByTestId('conversation-status').textContent()).not.toBe('机器人');

    // The agent's thread: every message once, in the same order as the customer saw it.
    expect(await threadOf(agent.getByTestId('message'), '.bubble-text', 13)).toEqual(widgetTexts);

    // The agent answers; from now on the bot stays silent, and the customer's reply reaches the agent.
    await agent.getByTestId('reply-input').fill(AGENT_REPLY);
    await agent.getByTestId('reply-input').press('Enter');
    await bubbles.filter({ hasText: AGENT_REPLY }).waitFor({ timeout: STEP_MS });
    await write(visitor, CUSTOMER_THANKS);
    await agent.getByTestId('message').filter({ hasText: CUSTOMER_THANKS }).waitFor({ timeout: STEP_MS });
    await visitor.waitForTimeout(1_500);
    expect(await visitor.getByTestId('widget-typing').isVisible()).toBe(false);
    widgetTexts.push(AGENT_REPLY, CUSTOMER_THANKS);
    expect(await bubbles.locator('.bubble').allTextContents()).toEqual(widgetTexts);
    const agentTexts = await threadOf(agent.getByTestId('message'), '.bubble-text', 15);
    expect(agentTexts).toEqual(widgetTexts);

    // After reloading, the resumed sockets may replay messages: still each once, and the brief is still there.
    await Promise.all([visitor.reload(), agent.reload()]);
    await visitor.getByTestId('widget-launcher').click();
    await agent.getByTestId('handoff-brief').waitFor({ timeout: STEP_MS });
    await agent.locator('.live-on').waitFor({ timeout: STEP_MS });
    await visitor.waitForTimeout(800);
    expect(await threadOf(bubbles, '.bubble', 15)).toEqual(widgetTexts);
    expect(await threadOf(agent.getByTestId('message'), '.bubble-text', 15)).toEqual(widgetTexts);

    // The agent resolves the conversation; the customer rates it with the keyboard-usable survey.
    await agent.getByRole('button', { name: '标记为已解决' }).click();
    const survey = visitor.getByTestId('widget-survey');
    await survey.waitFor({ timeout: STEP_MS });
    await survey.getByRole('button', { name: '提交评价' }).click();
    await survey.getByText('请先选择满意度。').waitFor({ timeout: STEP_MS });
    await visitor.getByTestId('widget-survey-csat-5').check();
    await visitor.getByTestId('widget-survey-nps-9').check();
    await survey.locator('textarea').fill('客服小王很耐心');
    await survey.getByRole('button', { name: '提交评价' }).click();
    await survey.getByText('感谢您的评价！').waitFor({ timeout: STEP_MS });
    expect(await visitor.getByTestId('widget-survey').count()).toBe(1);

    expect(pageErrors).toEqual([]);
  }, 120_000);
});
