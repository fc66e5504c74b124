import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identifyVisitor } from '../server/src/conversations/commands/identify-visitor.ts';
import { newId } from '../server/src/platform/ids.ts';
import { signVisitorToken, VISITOR_TOKEN_TTL_MS } from '../server/src/security/visitor-token.ts';
import { type RunningServer, startServer } from '../server/src/server.ts';

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export interface BenchServer {
  server: RunningServer;
  workspaceId: string;
  close(): Promise<void>;
}

/** A fresh embedded server (temporary data dir, SQLite, port 0) with the demo workspace. */
export async function startBenchServer(name: string): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `lingxi-bench-${name}-`));
  const server = await startServer({
    env: {},
    config: { dataDir, port: 0, host: '127.0.0.1', logLevel: 'warn', demo: true, roles: ['web', 'ws'] },
  });
  const close = async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const workspaceId = server.demo?.workspaceId;
  if (!workspaceId) {
    await close();
    throw new Error('the demo workspace was not created');
  }
  return { server, workspaceId, close };
}

/**
 * Widget visitors made in-process, each with its signed token (the HTTP session endpoint is rate-limited per
 * address, as it should be, so a bench cannot open hundreds of sessions through it).
 */
export async function benchVisitors(bench: BenchServer, count: number) {
  const { server, workspaceId } = bench;
  const tokens: string[] = [];
  const contactIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const visitor = await identifyVisitor(server.ctx, { workspaceId, locale: 'zh-CN' });
    contactIds.push(visitor.contact.id);
    tokens.push(
      signVisitorToken(server.ctx.secret, {
        ws: workspaceId,
        inb: visitor.inbox.id,
        ctc: visitor.contact.id,
        vis: newId('vis'),
        exp: server.ctx.clock.now() + VISITOR_TOKEN_TTL_MS,
      }),
    );
  }
  return { tokens, contactIds };
}
