import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.ts';

describe('embedded start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lingxi-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = { dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent' as const };

  it('migrates, seeds the demo workspace once, and serves health, demo and docs', async () => {
    const first = await startServer({ env: {}, config });
    try {
      expect(first.demo?.accounts.map((a) => a.role).sort()).toEqual(
        ['admin', 'agent', 'agent', 'auditor', 'kb_editor', 'kb_reviewer', 'supervisor'].sort(),
      );
      expect(first.demo?.accounts.every((a) => a.password.length >= 16)).toBe(true);
      const health = await fetch(`${first.url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
      const demo = await fetch(`${first.url}/demo`);
      expect(demo.status).toBe(200);
      const html = await demo.text();
      expect(html).toContain('演示商城 Demo Shop');
      expect(html).toContain(`data-workspace-key="${first.demo?.widgetKey}"`);
      expect((await fetch(`${first.url}/api/docs/json`)).status).toBe(200);
      const metrics = await fetch(`${first.url}/metrics`);
      expect(await metrics.text()).toContain('lingxi_process_cpu_user_seconds_total');
      const conversations = await first.ctx.db.selectFrom('conversations').select(['status']).execute();
      expect(conversations.map((c) => c.status).sort()).toEqual(['queued', 'resolved']);
      const articles = await first.ctx.db
        .selectFrom('kb_articles')
        .select(['language'])
        .where('status', '=', 'published')
        .execute();
      expect(articles.filter((a) => a.language === 'zh').length).toBeGreaterThanOrEqual(10);
      expect(articles.filter((a) => a.language === 'en').length).toBeGreaterThanOrEqual(10);
    } finally {
      await first.close();
    }
    const second = await startServer({ env: {}, config });
    try {
      expect(second.demo).toBeUndefined();
      const workspaces = await second.ctx.db.selectFrom('workspaces').select('id').execute();
      expect(workspaces).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('refuses an invalid configuration with a message naming the variable', async () => {
    await expect(startServer({ env: { LINGXI_PORT: 'eighty' }, config: { dataDir } })).rejects.toThrow(/LINGXI_PORT/);
  });
});
