import type { Config } from '../../src/config.ts';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import type { App } from '../../src/http/types.ts';
import { LocalBus } from '../../src/platform/bus/local-bus.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import type { ServiceContext } from '../../src/platform/context.ts';
import type { Engine } from '../../src/platform/db/database.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { createApiToken } from '../../src/security/commands/api-tokens.ts';
import { createUser } from '../../src/security/commands/create-user.ts';
import { createWorkspace } from '../../src/security/commands/create-workspace.ts';
import { ROLES, type Role, type TokenScope } from '../../src/security/roles.ts';
import { openTestDatabase, type TestDatabase } from './engines.ts';

export const TEST_PASSWORD = 'correct horse battery 电池';

export interface TestWorkspace {
  id: string;
  widgetKey: string;
  /** One user per role: `users.admin.email` … */
  users: Record<Role, { id: string; email: string }>;
}

export interface TestApp {
  app: App;
  ctx: ServiceContext;
  clock: ManualClock;
  config: Config;
  database: TestDatabase;
  /** Two tenants, so every test can check that one cannot reach the other. */
  workspaces: [TestWorkspace, TestWorkspace];
  close(): Promise<void>;
}

async function seedWorkspace(ctx: ServiceContext, name: string, tag: string): Promise<TestWorkspace> {
  const workspace = await createWorkspace(ctx, { name });
  const users = {} as TestWorkspace['users'];
  for (const role of ROLES) {
    const email = `${role}.${tag}@example.test`;
    const user = await createUser(ctx, {
      workspaceId: workspace.id,
      input: { email, name: `${role} ${tag}`, role, password: TEST_PASSWORD, locale: 'zh-CN' },
      actor: { kind: 'anonymous' },
    });
    users[role] = { id: user.id, email };
  }
  return { id: workspace.id, widgetKey: workspace.widget_key, users };
}

/** A migrated database on the engine, two seeded tenants, and the app ready for `inject` (no socket). */
export async function createTestApp(engine: Engine, overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await openTestDatabase(engine);
  const clock = new ManualClock(Date.UTC(2026, 10, 26, 2, 0, 0));
  const logger = createLogger({ level: 'silent' });
  const bus = new LocalBus({ logger });
  const config = loadConfig({}, { logLevel: 'silent', demo: false, ...overrides });
  const ctx: ServiceContext = {
    db: database.db,
    engine,
    clock,
    logger,
    bus,
    secret: 'test-secret-0123456789-abcdefghijklmnop',
  };
  const workspaces: [TestWorkspace, TestWorkspace] = [
    await seedWorkspace(ctx, '测试商店 A', 'a'),
    await seedWorkspace(ctx, 'Test shop B', 'b'),
  ];
  const { app } = await buildApp({ ctx, config });
  return {
    app,
    ctx,
    clock,
    config,
    database,
    workspaces,
    async close() {
      await app.close();
      await bus.close();
      await database.dispose();
    },
  };
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  headers: Record<string, string>;
}

/** Logs in through the real endpoint and returns the headers a browser would send afterwards. */
export async function signIn(app: App, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (response.statusCode !== 200)
    throw new Error(`login failed for ${email}: ${response.statusCode} ${response.body}`);
  const setCookie = response.cookies.find((c) => c.name === 'lx_session');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `lx_session=${setCookie.value}`;
  const csrfToken = response.json().csrfToken as string;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

export async function apiToken(test: TestApp, workspace: TestWorkspace, scopes: TokenScope[]): Promise<string> {
  const created = await createApiToken(test.ctx, {
    workspaceId: workspace.id,
    input: { name: 'test', scopes },
    actor: {
      kind: 'user',
      workspaceId: workspace.id,
      userId: workspace.users.admin.id,
      role: 'admin',
      sessionId: 'ses_test',
    },
  });
  return created.token;
}
