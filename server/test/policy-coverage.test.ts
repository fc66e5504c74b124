import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../src/http/app.ts';
import { POLICIES, policyFor } from '../src/http/policies.ts';
import { WS_MESSAGES } from '../src/http/ws/registry.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

/** Every route and every WS message type names a policy that exists; a route without one fails this test. */
describe('policy coverage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t.close();
  });

  it('every HTTP route names a known policy (static assets and API docs excepted)', () => {
    const routes = listRoutes(t.app);
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes
      .filter((r) => !r.static && !r.url.startsWith('/api/docs'))
      .filter((r) => !r.policy || !policyFor(r.policy))
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    const apiRoutes = routes.filter((r) => r.url.startsWith('/api/v1/'));
    expect(apiRoutes.every((r) => r.policy)).toBe(true);
  });

  it('every WS message type names a known policy', () => {
    const types = Object.entries(WS_MESSAGES);
    expect(types.length).toBeGreaterThanOrEqual(5);
    const missing = types.filter(([, definition]) => !policyFor(definition.policy)).map(([type]) => type);
    expect(missing).toEqual([]);
  });

  it('every policy rule grants something to someone', () => {
    for (const [name, policy] of Object.entries(POLICIES)) {
      const grants = 'public' in policy || 'visitor' in policy || ('roles' in policy && policy.roles.length > 0);
      expect(grants, name).toBe(true);
    }
  });
});
