import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Config } from '../server/src/config.ts';
import { type RunningServer, startServer } from '../server/src/server.ts';
import { launchBrowser } from './browser.ts';
import { ensureWebBuilt } from './web-build.ts';

/** One browser test's world: a fresh embedded server on a temporary data folder, and the system Chromium. */
export interface E2eBed {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function openE2eBed(name: string, config: Partial<Config> = {}): Promise<E2eBed> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), `lingxi-e2e-${name}-`));
  const server = await startServer({
    env: {},
    config: { dataDir, port: 0, host: '127.0.0.1', logLevel: 'warn', ...config },
  });
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return {
    server,
    browser,
    async close() {
      // Pages first, so no open socket keeps the server's close waiting (also after a failed test).
      for (const context of browser.contexts()) await context.close();
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
