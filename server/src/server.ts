import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { mailDelivery } from './analytics/deliver.ts';
import { registerAnalyticsJobs } from './analytics/schedules.ts';
import { configureBot } from './bot/index.ts';
import { type Config, loadConfig, sqliteFile } from './config.ts';
import { type DemoAccounts, seedDemo } from './demo/seed-demo.ts';
import { buildApp } from './http/app.ts';
import { loopbackFetch } from './http/loopback-fetch.ts';
import { demoShopLoopback } from './http/routes/demo-api/loopback.ts';
import type { App } from './http/types.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { ServiceContext } from './platform/context.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { createInfrastructure, type Infrastructure } from './platform/infrastructure.ts';
import { createLogger } from './platform/logger.ts';
import { createMetrics } from './platform/metrics.ts';
import { randomToken } from './security/crypto.ts';
import { startWorkers } from './workers/index.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface StartServerOptions {
  /** Overrides on top of the environment (tests pass a temp dataDir and port 0). */
  config?: Partial<Config>;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  /** PostgreSQL schema to use (tests). */
  schema?: string;
}

export interface RunningServer {
  url: string;
  app: App;
  ctx: ServiceContext;
  config: Config;
  database: Database;
  infrastructure: Infrastructure;
  /** Present on the first start of a demo install: the accounts and passwords created. */
  demo?: DemoAccounts;
  close(): Promise<void>;
}

/** The signing key: configured, or generated once and kept beside the data so restarts keep sessions valid. */
function loadSecret(config: Config): string {
  if (config.secret) return config.secret;
  const file = join(config.dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomToken(48);
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const config = loadConfig(options.env ?? process.env, options.config ?? {});
  mkdirSync(config.dataDir, { recursive: true });
  const logger = createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const database = await openDatabase({ url: config.databaseUrl ?? sqliteFile(config), schema: options.schema });
  let ready = false;
  await migrateToLatest(database.db);
  const infrastructure = await createInfrastructure({ redisUrl: config.redisUrl, db: database.db, clock, logger });
  const ctx: ServiceContext = {
    db: database.db,
    engine: database.engine,
    clock,
    logger,
    bus: infrastructure.bus,
    secret: loadSecret(config),
  };
  const demo = config.demo
    ? await seedDemo(ctx, { adminEmail: config.adminEmail, adminPassword: config.adminPassword })
    : undefined;
  const metrics = createMetrics();
  const { app } = await buildApp({
    ctx,
    config,
    infrastructure,
    webDist: join(REPO_ROOT, 'web', 'dist'),
    metrics: async () => ({ contentType: metrics.contentType, body: await metrics.metrics() }),
    // Ready means started and the database answers; a load balancer stops sending traffic otherwise.
    isReady: async () =>
      ready &&
      (await sql`select 1`.execute(database.db).then(
        () => true,
        () => false,
      )),
  });
  const stopWorkers = startWorkers(ctx, infrastructure);
  registerAnalyticsJobs(ctx, infrastructure, mailDelivery(config.smtpUrl, config.alertsFrom));
  const serving = config.roles.includes('web') || config.roles.includes('ws');
  let url = '';
  if (serving) {
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    url = `http://localhost:${port}`;
    // Relative flow-action URLs (the demo business API) resolve against this server, at the address it listens on.
    const selfHost = ['0.0.0.0', '::', 'localhost'].includes(config.host) ? '127.0.0.1' : config.host;
    const selfUrl = `http://${selfHost.includes(':') ? `[${selfHost}]` : selfHost}:${port}`;
    // Actions addressed to this server are answered in-process (same routes); any other URL goes over the network.
    configureBot(ctx, {
      selfUrl,
      fetch: loopbackFetch(app, selfUrl, globalThis.fetch, config.demo ? demoShopLoopback(ctx) : undefined),
    });
  }
  if (config.roles.includes('worker')) await infrastructure.jobs.start();
  if (config.roles.includes('cron')) await infrastructure.scheduler.start();
  ready = true;

  let closed = false;
  return {
    url,
    app,
    ctx,
    config,
    database,
    infrastructure,
    demo,
    async close() {
      if (closed) return;
      closed = true;
      ready = false;
      stopWorkers();
      await app.close();
      await infrastructure.close();
      await database.close();
    },
  };
}
