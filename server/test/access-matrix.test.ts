import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyFor } from '../src/http/policies.ts';
import { isAllowed } from '../src/security/policy.ts';
import type { Principal } from '../src/security/principal.ts';
import { ROLES, TOKEN_SCOPES } from '../src/security/roles.ts';
import { signVisitorToken } from '../src/security/visitor-token.ts';
import { apiToken, createTestApp, signIn, type TestApp } from './support/test-app.ts';

/**
 * Walks every registered route with every kind of caller: each console role, a token per scope, a widget visitor and
 * nobody. A caller the route's policy does not name must get 401/403; a caller it names must never get them.
 */
describe('access matrix over every route', () => {
  let t: TestApp;
  const callers: Array<{ label: string; principal: Principal; headers: Record<string, string> }> = [];

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const ws = t.workspaces[0];
    for (const role of ROLES) {
      const session = await signIn(t.app, ws.users[role].email);
      callers.push({
        label: `role ${role}`,
        principal: { kind: 'user', workspaceId: ws.id, userId: ws.users[role].id, role, sessionId: 'x' },
        headers: session.headers,
      });
    }
    for (const scope of TOKEN_SCOPES) {
      const token = await apiToken(t, ws, [scope]);
      callers.push({
        label: `token ${scope}`,
        principal: { kind: 'token', workspaceId: ws.id, tokenId: 'x', scopes: [scope] },
        headers: { authorization: `Bearer ${token}` },
      });
    }
    const visitor = signVisitorToken(t.ctx.secret, {
      ws: ws.id,
      inb: `inb_${'0'.repeat(26)}`,
      ctc: `ctc_${'0'.repeat(26)}`,
      vis: 'test',
      exp: t.clock.now() + 3_600_000,
    });
    callers.push({
      label: 'visitor',
      principal: { kind: 'visitor', workspaceId: ws.id, contactId: 'x', inboxId: 'x', visitorId: 'x' },
      headers: { authorization: `Bearer ${visitor}` },
    });
    callers.push({ label: 'anonymous', principal: { kind: 'anonymous' }, headers: {} });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses every caller a route’s policy does not name, and only those', async () => {
    const routes = (await import('../src/http/app.ts'))
      .listRoutes(t.app)
      .filter((r) => r.policy && r.policy !== 'public')
      // Logging out ends the caller's session, so it goes last.
      .sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
    expect(routes.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const route of routes) {
      const policy = policyFor(route.policy as string);
      if (!policy) throw new Error(`no policy ${route.policy}`);
      const url = route.url.replace(
        /:(\w+)/g,
        (_m, name: string) => `${name.replace(/Id$/, '').slice(0, 4)}_${'0'.repeat(26)}`,
      );
      for (const caller of callers) {
        const unsafe = route.method !== 'GET' && route.method !== 'HEAD';
        const response = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: caller.headers,
          ...(unsafe ? { payload: {} } : {}),
        });
        const allowed = isAllowed(policy, caller.principal);
        const refused = response.statusCode === 401 || response.statusCode === 403;
        if (allowed === refused || response.statusCode >= 500) {
          failures.push(
            `${route.method} ${route.url} as ${caller.label}: ${response.statusCode} ${response.body.slice(0, 120)}`,
          );
        }
        if (!allowed && caller.principal.kind === 'anonymous' && response.statusCode !== 401) {
          failures.push(`${route.method} ${route.url} anonymous should get 401, got ${response.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
