import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestReportingEvents } from '../server/src/analytics/ingest.ts';
import { appendEvents } from '../server/src/analytics/testing/append.ts';
import { CONVERSATIONS, scenarioEvents, T0 } from '../server/src/analytics/testing/scenario.ts';
import { createUser } from '../server/src/security/commands/create-user.ts';
import { createWorkspace } from '../server/src/security/commands/create-workspace.ts';
import type { RunningServer } from '../server/src/server.ts';
import { type E2eBed, openE2eBed } from './harness.ts';

const EMAIL = 'supervisor@analytics.e2e.test';
const PASSWORD = 'e2e-Supervisor-passw0rd';
const STEP_MS = 15_000;

/**
 * A supervisor opens the analytics overview over the hand-built scenario (four conversations, figures worked out by
 * hand in server/src/analytics/testing/scenario.ts), reads the figures, and drills into one to its conversations.
 */
describe('analytics dashboards', () => {
  let server: RunningServer;
  let browser: Browser;
  let bed: E2eBed;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    bed = await openE2eBed('analytics', { demo: false, roles: ['web', 'ws'] });
    server = bed.server;
    const workspace = await createWorkspace(server.ctx, { name: '灵犀数据测试' });
    await createUser(server.ctx, {
      workspaceId: workspace.id,
      input: { email: EMAIL, name: '主管', role: 'supervisor', password: PASSWORD, locale: 'zh-CN' },
      actor: { kind: 'anonymous' },
    });
    // The scenario, moved to three hours ago so the default "last 7 days" shows it.
    const shift = Math.floor((Date.now() - 3 * 3_600_000 - T0) / 3_600_000) * 3_600_000;
    await appendEvents(
      server.ctx.db,
      workspace.id,
      scenarioEvents().map((e) => ({ ...e, at: e.at + shift })),
    );
    await ingestReportingEvents(server.ctx);
    browser = bed.browser;
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('renders the overview, explains a figure and drills into the conversations behind it', {
    timeout: 90_000,
  }, async () => {
    const base = server.url.replace('localhost', '127.0.0.1');
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${base}/console/login`);
    await page.getByTestId('login-email').fill(EMAIL);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-analytics').click({ timeout: STEP_MS });

    const value = (id: string) => page.getByTestId(`metric-${id}-value`);
    await expect.poll(() => value('conversations').textContent(), { timeout: STEP_MS }).toBe('4');
    expect(await value('containment').textContent()).toBe('50.0%');
    expect(await value('abandonment').textContent()).toBe('33.3%');
    expect(await value('frt_human').textContent()).toBe('1.5 分钟');
    expect(await value('nps').textContent()).toBe('100');
    // The written definition is the tooltip.
    expect(await page.getByTestId('metric-csat').getAttribute('title')).toContain('4–5');
    await page.getByTestId('chart-trend').locator('canvas').first().waitFor({ timeout: STEP_MS });

    await page.getByTestId('metric-containment').click();
    const rows = page.getByTestId('drill-row');
    await expect.poll(() => rows.count(), { timeout: STEP_MS }).toBe(1);
    expect(await rows.first().getAttribute('data-conversation')).toBe(CONVERSATIONS.A);
    // The whole base of the figure: both conversations the bot took part in, newest first.
    await page.getByRole('button', { name: '全部样本' }).click();
    await expect.poll(() => rows.count(), { timeout: STEP_MS }).toBe(2);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation')))).toEqual([
      CONVERSATIONS.B,
      CONVERSATIONS.A,
    ]);
    await page.getByRole('link', { name: '总览' }).click();
    await page.getByTestId('metric-abandonment').click();
    await expect.poll(() => rows.count(), { timeout: STEP_MS }).toBe(1);
    expect(await rows.first().getAttribute('data-conversation')).toBe(CONVERSATIONS.C);
    expect(pageErrors).toEqual([]);
  });
});
