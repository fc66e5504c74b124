import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server/src/server.ts';
import { type E2eBed, openE2eBed } from './harness.ts';

const ADMIN_EMAIL = 'admin@demo.lingxi.local';
const ADMIN_PASSWORD = 'e2e-Admin-passw0rd';
const STEP_MS = 15_000;
/** Screenshots for a person to look at; outside the repository. */
const SHOTS = process.env.LINGXI_E2E_SHOTS ?? join(tmpdir(), 'lingxi-e2e-shots');

// The demo help centre already answers invoices, so the new FAQ is about something it does not cover.
const QUESTION = '礼品卡怎么充值？';
const SIMILAR = '如何给礼品卡充值';
const PARAPHRASE = '我想往礼品卡里充钱';
/** An answer carrying an XSS payload: the server keeps the text and strips the handler; the preview must not run it. */
const ANSWER =
  '<p>在“我的 › 礼品卡”页点击<strong>充值</strong>，选择面额并付款即可，到账后可在结算时抵扣。</p>' +
  '<img src="x" onerror="window.__kbXss=1;document.title=\'pwned\'"><script>window.__kbXss=2</script>';

async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/console/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-knowledge').waitFor({ timeout: STEP_MS });
}

describe('knowledge base in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let bed: E2eBed;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    bed = await openE2eBed('kb', { adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD });
    server = bed.server;
    browser = bed.browser;
  });

  afterAll(async () => {
    await bed?.close();
  });

  function account(role: string): { email: string; password: string } {
    const found = server.demo?.accounts.find((a) => a.role === role);
    if (!found) throw new Error(`the demo workspace has no ${role} account`);
    return found;
  }

  it('an editor drafts and submits an FAQ, another reviewer publishes it, and the hit test finds it at once', async () => {
    const base = server.url.replace('localhost', '127.0.0.1');
    const editor = account('kb_editor');
    const reviewer = account('kb_reviewer');

    // ── The editor drafts the FAQ (Chinese console). ──────────────────────────────────────────────────────────────
    const editorContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const editorPage = await editorContext.newPage();
    editorPage.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(editorPage, base, editor.email, editor.password);
    await editorPage.getByTestId('nav-knowledge').click();
    await editorPage.getByTestId('kb-new-article').click();
    await editorPage.getByTestId('kb-title').fill(QUESTION);
    await editorPage.getByTestId('kb-alternate-input').fill(SIMILAR);
    await editorPage.getByTestId('kb-alternate-input').press('Enter');
    await editorPage.getByTestId('kb-answer').fill(ANSWER);
    await editorPage.getByTestId('kb-save').click();

    // Saved: the article page shows the preview of what the server kept — the text, without the handler or script.
    const preview = editorPage.getByTestId('kb-answer-preview');
    await preview.waitFor({ timeout: STEP_MS });
    expect(await preview.textContent()).toContain('礼品卡');
    expect(await preview.locator('[onerror]').count()).toBe(0);
    expect(await preview.locator('script').count()).toBe(0);
    await editorPage.waitForTimeout(300);
    expect(await editorPage.evaluate(() => (globalThis as { __kbXss?: number }).__kbXss)).toBeUndefined();
    expect(await editorPage.title()).not.toBe('pwned');
    const articleId = editorPage.url().split('/').pop() as string;
    expect(articleId).toMatch(/^kba_/);
    await editorPage.screenshot({ path: join(SHOTS, 'kb-editor-draft.png'), fullPage: true });

    // An editor cannot publish: the action is not offered. Submit for review.
    expect(await editorPage.getByTestId('kb-action-publish').count()).toBe(0);
    await editorPage.getByTestId('kb-action-submit').click();
    await editorPage.locator('.kb-status-in_review').first().waitFor({ timeout: STEP_MS });

    // ── A different person, the reviewer (English console), publishes it. ────────────────────────────────────────
    const reviewerContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    const reviewerPage = await reviewerContext.newPage();
    reviewerPage.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(reviewerPage, base, reviewer.email, reviewer.password);

    // Before publishing, the hit test does not serve the draft.
    await reviewerPage.goto(`${base}/console/knowledge/hit-test`);
    await reviewerPage.getByTestId('kb-hit-input').fill(PARAPHRASE);
    await reviewerPage.getByTestId('kb-hit-run').click();
    await reviewerPage.getByTestId('kb-hit-results').waitFor({ timeout: STEP_MS });
    expect(await reviewerPage.locator(`[data-testid="kb-hit"][data-article-id="${articleId}"]`).count()).toBe(0);

    await reviewerPage.getByTestId('kb-nav-review').click();
    const queued = reviewerPage.getByTestId('kb-queue-item').filter({ hasText: QUESTION });
    await queued.waitFor({ timeout: STEP_MS });
    await queued.getByRole('link').click();
    await reviewerPage.getByTestId('kb-review-panel').waitFor({ timeout: STEP_MS });
    await reviewerPage.getByTestId('kb-action-publish').click();
    await reviewerPage.locator('.kb-status-published').first().waitFor({ timeout: STEP_MS });
    await reviewerPage.screenshot({ path: join(SHOTS, 'kb-reviewer-published.png'), fullPage: true });

    // ── At once, the hit test retrieves it for a paraphrase, with the explanation. ───────────────────────────────
    await reviewerPage.getByTestId('kb-nav-hit-test').click();
    await reviewerPage.getByTestId('kb-hit-input').fill(PARAPHRASE);
    await reviewerPage.getByTestId('kb-hit-run').click();
    const top = reviewerPage.getByTestId('kb-hit').first();
    await top.waitFor({ timeout: STEP_MS });
    expect(await top.getAttribute('data-article-id')).toBe(articleId);
    expect(await top.getByTestId('kb-hit-title').textContent()).toContain('礼品卡');
    const terms = top.getByTestId('kb-hit-why').locator('.kb-term');
    expect(await terms.count()).toBeGreaterThan(0);
    const vias = await terms.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-via')));
    expect(vias.every((via) => ['exact', 'synonym', 'pinyin', 'ngram', 'learned'].includes(via ?? ''))).toBe(true);
    expect(await top.locator('.kb-confidence-value').textContent()).toMatch(/^\d+%$/);
    expect(await top.getByTestId('kb-hit-score').textContent()).toMatch(/\d\.\d{3}/);
    await reviewerPage.screenshot({ path: join(SHOTS, 'kb-hit-test.png'), fullPage: true });

    // The version history shows the versions and the diff pane renders.
    await reviewerPage.goto(`${base}/console/knowledge/articles/${articleId}`);
    await reviewerPage.getByTestId('kb-tab-history').click();
    await reviewerPage.getByTestId('kb-history').waitFor({ timeout: STEP_MS });

    expect(pageErrors).toEqual([]);
    await editorContext.close();
    await reviewerContext.close();
  }, 120_000);

  it('imports a FAQ sheet: the bad row is reported by line and nothing imported, then skipped on request', async () => {
    const base = server.url.replace('localhost', '127.0.0.1');
    const editor = account('kb_editor');
    const sheet = join(mkdtempSync(join(tmpdir(), 'lingxi-kb-sheet-')), 'faq.csv');
    writeFileSync(
      sheet,
      '问题,答案\n电子礼品卡能转赠吗？,可以，在礼品卡页点击“转赠”。\n,这一行缺少问题\n电子礼品卡过期了怎么办？,过期后余额不可用，请在有效期内使用。\n',
    );
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, base, editor.email, editor.password);
    await page.goto(`${base}/console/knowledge/import`);
    await page.getByTestId('kb-import-file').setInputFiles(sheet);
    await page.getByTestId('kb-import-start').click();

    // All or nothing: the import fails and names line 3.
    await page.locator('[data-testid="kb-import-status"][data-status="failed"]').waitFor({ timeout: STEP_MS });
    const problems = page.getByTestId('kb-import-problems');
    await problems.waitFor({ timeout: STEP_MS });
    expect(await problems.locator('tbody tr').first().locator('td').first().textContent()).toBe('3');

    // Asked to skip it, the two good rows become drafts and the progress bar reaches 100%.
    await page.getByTestId('kb-import-skip-retry').click();
    await page.locator('[data-testid="kb-import-status"][data-status="succeeded"]').waitFor({ timeout: STEP_MS });
    expect(await page.getByTestId('kb-import-progress').getAttribute('aria-valuenow')).toBe('100');
    await page.screenshot({ path: join(SHOTS, 'kb-import.png'), fullPage: true });
    await page.goto(`${base}/console/knowledge/articles`);
    const rows = page.getByTestId('kb-article-row').filter({ hasText: '电子礼品卡' });
    await rows.first().waitFor({ timeout: STEP_MS });
    expect(await rows.count()).toBe(2);
    expect(await rows.locator('.kb-status-draft').count()).toBe(2);

    expect(pageErrors).toEqual([]);
    await context.close();
  }, 90_000);
});
