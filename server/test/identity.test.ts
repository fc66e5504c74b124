import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.ts';
import { apiToken, createTestApp, signIn, TEST_PASSWORD, type TestApp } from './support/test-app.ts';

describe.each(testEngines())('identity and access on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t.close();
  });
  const ws = () => t.workspaces[0];

  it('signs in with an HttpOnly, SameSite session cookie and answers /auth/me', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: 'localhost' },
      payload: { email: ws().users.agent.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'lx_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.secure).toBe(true);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `lx_session=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email: ws().users.agent.email, role: 'agent' });
    expect(me.json().user.passwordHash).toBeUndefined();
  });

  it('refuses a wrong password and an unknown e-mail alike, and audits both', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: ws().users.kb_editor.email, password: 'nope nope nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.test', password: 'nope nope nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(unknown.json()).toEqual(wrong.json());
    const failures = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .execute();
    expect(failures.length).toBeGreaterThanOrEqual(2);
  });

  it('locks an account after repeated failures and unlocks it when the lockout has passed', async () => {
    const email = ws().users.kb_reviewer.email;
    for (let i = 0; i < t.config.loginMaxFailures; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: `wrong-${i}-password` },
      });
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('account_locked');
    t.clock.advance(t.config.lockoutMinutes * 60_000 + 1);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(200);
  });

  it('ends a session after the idle time and after the absolute lifetime', async () => {
    const idle = await signIn(t.app, ws().users.supervisor.email);
    t.clock.advance(t.config.sessionIdleMinutes * 60_000 + 1);
    const expired = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: idle.headers });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('session_expired');

    const busy = await signIn(t.app, ws().users.supervisor.email);
    const steps = Math.ceil((t.config.sessionMaxHours * 60) / (t.config.sessionIdleMinutes / 2));
    for (let i = 0; i < steps - 1; i++) {
      t.clock.advance((t.config.sessionIdleMinutes / 2) * 60_000);
      const alive = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: busy.headers });
      expect(alive.statusCode).toBe(200);
    }
    t.clock.advance(t.config.sessionIdleMinutes * 30_000 + 1);
    const ended = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: busy.headers });
    expect(ended.statusCode).toBe(401);
  });

  it('requires the CSRF token on unsafe requests made with a cookie', async () => {
    const admin = await signIn(t.app, ws().users.admin.email);
    const payload = {
      email: 'new.agent@example.test',
      name: '新客服',
      role: 'agent',
      password: 'a long enough password',
    };
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin.cookie },
      payload,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('csrf_failed');
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin.cookie, 'x-csrf-token': 'forged' },
      payload,
    });
    expect(forged.json().error.code).toBe('csrf_failed');
    const users = await t.ctx.db.selectFrom('users').select('id').where('email', '=', payload.email).execute();
    expect(users).toHaveLength(0);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ email: payload.email, role: 'agent' });
  });

  it('logs out by revoking the session', async () => {
    const agent = await signIn(t.app, ws().users.agent.email);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: agent.headers });
    expect(out.statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: agent.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('issues scoped API tokens stored only as hashes; revoked and forged tokens are refused', async () => {
    const admin = await signIn(t.app, ws().users.admin.email);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: admin.headers,
      payload: { name: 'CRM 同步', scopes: ['audit:read'] },
    });
    expect(created.statusCode).toBe(201);
    const { token, record } = created.json();
    const stored = await t.ctx.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: bearer })).statusCode).toBe(200);
    // Scope audit:read does not grant users:read.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer })).statusCode).toBe(403);
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit',
      headers: { authorization: `Bearer ${token}x` },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('token_invalid');

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-tokens/${record.id}`,
      headers: admin.headers,
    });
    expect(revoked.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: bearer })).statusCode).toBe(401);
  });

  it('lets auditors read and filter the audit trail, which the database refuses to change', async () => {
    const auditor = await signIn(t.app, ws().users.auditor.email);
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=auth.login&outcome=success',
      headers: auditor.headers,
    });
    expect(all.statusCode).toBe(200);
    const entries = all.json().entries as Array<{ action: string; outcome: string; ip: string | null; at: number }>;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.action === 'auth.login' && e.outcome === 'success')).toBe(true);
    expect(entries[0]?.ip).toBeTruthy();
    const created = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=api_token.created',
      headers: auditor.headers,
    });
    expect(created.json().entries.length).toBeGreaterThan(0);

    await expect(sql`update audit_log set action = 'tampered'`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('changes a role (audited) and never lets one tenant touch another tenant’s users', async () => {
    const admin = await signIn(t.app, ws().users.admin.email);
    const other = t.workspaces[1].users.agent.id;
    const cross = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${other}`,
      headers: admin.headers,
      payload: { role: 'admin' },
    });
    expect(cross.statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers });
    expect(list.json().users.map((u: { id: string }) => u.id)).not.toContain(other);

    const target = ws().users.kb_editor.id;
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${target}`,
      headers: admin.headers,
      payload: { role: 'kb_reviewer' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().role).toBe('kb_reviewer');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.access_changed')
      .where('target_id', '=', target)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('lets only admins change the workspace configuration, and audits the change', async () => {
    const supervisor = await signIn(t.app, ws().users.supervisor.email);
    const refused = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/workspace',
      headers: supervisor.headers,
      payload: { name: '改名' },
    });
    expect(refused.statusCode).toBe(403);
    const admin = await signIn(t.app, ws().users.admin.email);
    const empty = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/workspace',
      headers: admin.headers,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const changed = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/workspace',
      headers: admin.headers,
      payload: { name: '测试商店 A（新）', defaultLocale: 'en' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id: ws().id, name: '测试商店 A（新）', defaultLocale: 'en' });
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers: supervisor.headers });
    expect(read.json().name).toBe('测试商店 A（新）');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'workspace.configuration_changed')
      .where('workspace_id', '=', ws().id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details ?? '{}').from.name).toBe('测试商店 A');
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/workspace',
      headers: (await signIn(t.app, t.workspaces[1].users.admin.email)).headers,
    });
    expect(other.json().name).toBe('Test shop B');
  });

  it('answers bad input with a 4xx and a stable code', async () => {
    const admin = await signIn(t.app, ws().users.admin.email);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'malformed json',
        { payload: '{"email":', headers: { ...admin.headers, 'content-type': 'application/json' } },
        'invalid_json',
      ],
      [
        'unknown field',
        {
          payload: { email: 'x@example.test', name: 'x', role: 'agent', password: 'long enough pw', isRoot: true },
          headers: admin.headers,
        },
        'unknown_field',
      ],
      [
        'wrong type',
        {
          payload: { email: 'x@example.test', name: 42, role: 'agent', password: 'long enough pw' },
          headers: admin.headers,
        },
        'validation_failed',
      ],
      [
        'unknown role',
        {
          payload: { email: 'x@example.test', name: 'x', role: 'root', password: 'long enough pw' },
          headers: admin.headers,
        },
        'validation_failed',
      ],
      [
        'oversized body',
        {
          payload: JSON.stringify({ name: 'x'.repeat(1_100_000) }),
          headers: { ...admin.headers, 'content-type': 'application/json' },
        },
        'payload_too_large',
      ],
    ];
    for (const [, options, code] of cases) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/users', ...options });
      expect(response.statusCode, code).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, code).toBeLessThan(500);
      expect(response.json().error.code).toBe(code);
    }
    const badId = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/users/1',
      headers: admin.headers,
      payload: { role: 'agent' },
    });
    expect(badId.statusCode).toBe(400);
    const unknown = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/usr_${'0'.repeat(26)}`,
      headers: admin.headers,
      payload: { role: 'agent' },
    });
    expect(unknown.statusCode).toBe(404);
    const users = await t.ctx.db.selectFrom('users').select('email').where('email', '=', 'x@example.test').execute();
    expect(users).toHaveLength(0);
  });

  it('accepts API tokens only with the scope the route names', async () => {
    const token = await apiToken(t, ws(), ['users:read']);
    const ok = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.statusCode).toBe(200);
    const manage = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${token}` },
      payload: {},
    });
    expect(manage.statusCode).toBe(403);
  });
});
