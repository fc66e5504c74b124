import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveBotConfig } from '../src/bot/store.ts';
import { type LoopbackResponse, loopbackFetch } from '../src/http/loopback-fetch.ts';
import { demoShopLoopback } from '../src/http/routes/demo-api/loopback.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { SIGNATURE_HEADER, signBody } from '../src/security/signature.ts';
import { type RunningServer, startServer } from '../src/server.ts';

/** The demo shop answered in-process must answer exactly as its routes do through Fastify. */
describe('the demo shop loopback', () => {
  let server: RunningServer;
  let dataDir: string;
  let workspaceId: string;
  const clock = new ManualClock(Date.UTC(2026, 10, 26, 6, 0, 0));
  let secret = 'first-secret';
  let handled: Array<LoopbackResponse | undefined> = [];
  let direct: typeof fetch;
  let routes: typeof fetch;
  const unreachable = async (): Promise<Response> => {
    throw new Error('no network in this test');
  };

  /** The demo bot's configuration with this action secret (what the shop checks signatures against). */
  const useSecret = (actionSecret: string) =>
    saveBotConfig(server.ctx.db, {
      workspaceId,
      enabled: true,
      settings: { actionSecret },
      intents: [],
      now: clock.now(),
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lingxi-demo-shop-'));
    server = await startServer({
      clock,
      config: { dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent', demo: true, roles: ['web'] },
    });
    workspaceId = server.demo?.workspaceId as string;
    await useSecret(secret);
    const shop = demoShopLoopback(server.ctx);
    direct = loopbackFetch(server.app, 'http://127.0.0.1:4000', unreachable, async (request) => {
      const answer = await shop(request);
      handled.push(answer);
      return answer;
    });
    routes = loopbackFetch(server.app, 'http://127.0.0.1:4000', unreachable);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const signedGet = (path: string, key = secret, workspace = workspaceId) => ({
    path,
    init: {
      method: 'GET',
      headers: { 'x-lingxi-workspace': workspace, [SIGNATURE_HEADER]: signBody(key, path, clock.now()) },
    },
  });
  const signedPost = (path: string, body: unknown, key = secret) => {
    const text = JSON.stringify(body);
    return {
      path,
      init: {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-lingxi-workspace': workspaceId,
          [SIGNATURE_HEADER]: signBody(key, text, clock.now()),
        },
        body: text,
      },
    };
  };

  /** Both ways, in turn; returns whether the direct handler answered (rather than passing to the routes). */
  async function compare({ path, init }: { path: string; init: RequestInit }): Promise<boolean> {
    handled = [];
    const a = await direct(`http://127.0.0.1:4000${path}`, init);
    const b = await routes(`http://127.0.0.1:4000${path}`, init);
    expect(a.status, path).toBe(b.status);
    expect(a.headers.get('content-type')).toBe(b.headers.get('content-type'));
    expect(await a.json(), path).toEqual(await b.json());
    return handled[0] !== undefined;
  }

  it('answers the flows’ requests in-process with the routes’ status and body', async () => {
    const cases = [
      signedGet('/demo-api/orders/SO20261126001'),
      signedGet('/demo-api/orders/SO20261126002?lang=zh'),
      signedGet('/demo-api/orders/SO404'),
      signedGet('/demo-api/orders/constructor'),
      signedGet('/demo-api/orders/SO20261126001', 'wrong-secret'),
      signedGet('/demo-api/orders/SO20261126001', secret, 'ws_other'),
      { path: '/demo-api/orders/SO20261126001', init: { method: 'GET' } },
      signedPost('/demo-api/orders/SO20261126002/address', { slots: { address: '上海市浦东新区 1 号' } }),
      signedGet('/demo-api/orders/SO20261126002'),
      signedPost('/demo-api/orders/SO20261126001/address', { slots: { address: 'x' } }),
      signedPost('/demo-api/orders/SO404/address', { slots: { address: 'x' } }),
      signedPost('/demo-api/refunds', { workspaceId: 'w', slots: { order_no: 'SO20261126003' } }),
      signedPost('/demo-api/refunds', { slots: { order_no: 'SO404' } }),
      signedPost('/demo-api/refunds', {}),
      signedPost('/demo-api/refunds', { slots: { order_no: 7 } }),
      signedPost('/demo-api/refunds', { slots: { order_no: 'SO20261126003' } }, 'wrong-secret'),
    ];
    for (const one of cases) expect(await compare(one), one.path).toBe(true);
  });

  it('passes anything else to the routes', async () => {
    const cases = [
      signedGet(`/demo-api/orders/${'9'.repeat(41)}`),
      signedGet('/demo-api/orders/SO20261126001/'),
      signedGet('/demo-api/orders/%E0%A4%A'),
      signedGet('/demo-api/nothing'),
      { path: '/demo-api/refunds', init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' } },
      {
        path: '/demo-api/refunds',
        init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' },
      },
      signedPost('/demo-api/refunds', [1, 2]),
      { path: '/api/v1/health', init: { method: 'GET' } },
    ];
    for (const one of cases) expect(await compare(one), one.path).toBe(false);
  });

  it('takes a new action secret at once', async () => {
    expect(await compare(signedGet('/demo-api/orders/SO20261126003'))).toBe(true);
    secret = 'second-secret';
    await useSecret(secret);
    const { init } = signedGet('/demo-api/orders/SO20261126003');
    const answer = await direct('http://127.0.0.1:4000/demo-api/orders/SO20261126003', init);
    expect(answer.status).toBe(200);
  });
});
