import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoBot } from '../bot/demo/seed-demo-bot.ts';
import { type RunningServer, startServer } from '../server.ts';
import { formatReport, parseBotTests, runBotTests } from './bot-test.ts';

const DEMO_FILE = new URL('../bot/demo/demo-bot-tests.yaml', import.meta.url);

/** `lingxi bot test` on the demo file, against a fresh embedded server with the demo workspace: npm test runs it. */
describe('lingxi bot test on the demo dialogues', () => {
  let server: RunningServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lingxi-bot-test-'));
    server = await startServer({
      env: {},
      config: { dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent', demo: true, roles: ['web', 'ws'] },
    });
    await seedDemoBot(server.ctx, server.demo?.workspaceId as string);
  }, 60_000);
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('passes every turn of the demo file', async () => {
    const tests = parseBotTests(readFileSync(DEMO_FILE, 'utf8'));
    const results = await runBotTests(server.ctx, server.demo?.workspaceId as string, tests);
    const report = formatReport(results);
    expect(
      results.filter((r) => !r.passed),
      report,
    ).toEqual([]);
    expect(report).toMatch(/turns passed, 0 failed/);
  }, 60_000);

  it('reports a failing expectation with what the bot did instead', async () => {
    const tests = parseBotTests(
      'dialogues:\n  - name: wrong\n    turns:\n      - say: 你好\n        expect: { handoff: asks_for_human }\n',
    );
    const [result] = await runBotTests(server.ctx, server.demo?.workspaceId as string, tests);
    expect(result?.passed).toBe(false);
    expect(formatReport(result ? [result] : [])).toMatch(
      /FAIL {2}你好[\s\S]*expected hand-off asks_for_human[\s\S]*got small_talk/,
    );
  }, 30_000);

  it('refuses a malformed file before running anything', () => {
    expect(() => parseBotTests('dialogues: []')).toThrow();
    expect(() =>
      parseBotTests('dialogues:\n  - name: x\n    turns:\n      - say: hi\n        expect: { nonsense: 1 }\n'),
    ).toThrow();
  });
});
