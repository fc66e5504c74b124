import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testEngines } from '../../test/support/engines.ts';
import { ManualClock } from '../platform/clock.ts';
import type { JobQueue } from '../platform/jobs/job-queue.ts';
import { Scheduler } from '../platform/jobs/scheduler.ts';
import { createLogger } from '../platform/logger.ts';
import { createAlertRule, listAlertRules, updateAlertRule } from './alert-rules.ts';
import { DEFAULT_DEFINITIONS } from './definitions.ts';
import { saveDefinitions } from './definitions-store.ts';
import type { AlertDelivery } from './deliver.ts';
import { evaluateAlerts, listAlerts } from './evaluate-alerts.ts';
import { ingestReportingEvents } from './ingest.ts';
import { rebuildFacts } from './rebuild.ts';
import { registerAnalyticsJobs } from './schedules.ts';
import { setTarget } from './targets.ts';
import { appendEvents } from './testing/append.ts';
import type { ScenarioEvent } from './testing/scenario.ts';

const WS = 'ws_alerts';
const MIN = 60_000;
const SLOT = Date.UTC(2026, 2, 2, 6, 0, 0);

/** A local SMTP server and webhook receiver, so delivery is tested over real sockets. */
const mails: Array<{ to: string[]; body: string }> = [];
const hooks: unknown[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
let http: Server;
let hookUrl = '';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  http = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      hooks.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  hookUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/alerts`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

/** `n` conversations opened in the queue at `at`, resolved or not. */
function conversations(prefix: string, n: number, at: number, resolved: boolean, extra: Record<string, unknown> = {}) {
  const events: ScenarioEvent[] = [];
  for (let i = 0; i < n; i++) {
    const conversationId = `conv_${prefix}${i}`;
    const base = { conversationId, actor_type: 'system', actor_id: null };
    events.push({ ...base, type: 'conversation.opened', at, data: { status: 'queued', channel: 'web' } });
    if (extra.intent)
      events.push({ ...base, type: 'bot.turn', at: at + 1000, data: { intent: extra.intent, outcome: 'answered' } });
    if (resolved)
      events.push({
        ...base,
        type: 'conversation.transitioned',
        at: at + 2000,
        data: { from: 'queued', to: 'resolved' },
      });
    if (typeof extra.csat === 'number')
      events.push({ ...base, type: 'survey.answered', at: at + 3000, data: { kind: 'csat', score: extra.csat } });
  }
  return events;
}

describe.each(testEngines())('alerts on %s', (engine) => {
  let database: TestDatabase;
  const clock = new ManualClock(SLOT);
  let delivery: AlertDelivery;
  const load = async (events: ScenarioEvent[]) => {
    await appendEvents(database.db, WS, events);
    await ingestReportingEvents({ db: database.db, clock });
  };

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    mails.length = 0;
    hooks.length = 0;
    delivery = {
      mail: {
        transport: nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }),
        from: 'alerts@lingxi.test',
      },
    };
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('fires "resolution rate under target for 30 minutes" once, with cool-down, to console, email and webhook', async () => {
    await setTarget(
      database.db,
      WS,
      { metric: 'resolution_rate', scenario: 'all', value: 0.8, source: 'manual' },
      SLOT,
    );
    await createAlertRule(
      database.db,
      WS,
      {
        kind: 'threshold',
        name: '解决率低于目标',
        metric: 'resolution_rate',
        comparator: 'below',
        scenario: 'all',
        forMinutes: 30,
        windowMinutes: 30,
        minBase: 3,
        cooldownMinutes: 60,
        channels: { console: true, emails: ['lead@shop.test'], webhooks: [hookUrl] },
      },
      SLOT,
    );
    await load([...conversations('a', 3, SLOT - 10 * MIN, false), ...conversations('b', 1, SLOT - 10 * MIN, true)]);
    expect((await evaluateAlerts({ db: database.db }, SLOT, delivery)).fired).toEqual([]); // breach starts
    await load([...conversations('c', 4, SLOT + 20 * MIN, false)]);
    expect((await evaluateAlerts({ db: database.db }, SLOT + 15 * MIN, delivery)).fired).toEqual([]);
    const fired = await evaluateAlerts({ db: database.db }, SLOT + 30 * MIN, delivery);
    expect(fired.fired).toHaveLength(1);
    // The same slot again (a repeated job) and the next minute (cool-down) fire nothing.
    expect((await evaluateAlerts({ db: database.db }, SLOT + 30 * MIN, delivery)).fired).toEqual([]);
    expect((await evaluateAlerts({ db: database.db }, SLOT + 31 * MIN, delivery)).fired).toEqual([]);
    const history = await listAlerts(database.db, WS);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ metric: 'resolution_rate', value: 0, threshold: 0.8 });
    expect(history[0]?.deliveries).toEqual([
      { channel: 'email', to: 'lead@shop.test', ok: true },
      { channel: 'webhook', to: hookUrl, ok: true },
    ]);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual(['lead@shop.test']);
    expect(hooks).toEqual([expect.objectContaining({ type: 'analytics.alert' })]);
    const notes = await database.db.selectFrom('analytics_notifications').selectAll().execute();
    expect(notes.map((n) => n.title)).toEqual([expect.stringContaining('解决率低于目标')]);
  });

  it('waits while a definition edit is being rebuilt, and restarts the breach under the new definition', async () => {
    await createAlertRule(
      database.db,
      WS,
      {
        kind: 'threshold',
        name: 'low resolution',
        metric: 'resolution_rate',
        comparator: 'below',
        threshold: 0.5,
        scenario: 'all',
        forMinutes: 10,
        windowMinutes: 60,
        minBase: 1,
        cooldownMinutes: 0,
        channels: { console: true, emails: [], webhooks: [] },
      },
      SLOT,
    );
    await load(conversations('d', 4, SLOT - 5 * MIN, false));
    await evaluateAlerts({ db: database.db }, SLOT, delivery);
    const { version: _v, ...params } = DEFAULT_DEFINITIONS;
    await saveDefinitions(database.db, WS, { ...params, serviceLevelSeconds: 30 }, SLOT);
    expect(await evaluateAlerts({ db: database.db }, SLOT + 10 * MIN, delivery)).toEqual({ evaluated: 0, fired: [] });
    await rebuildFacts({ db: database.db, clock }, WS);
    // 10 minutes after the first breach, but that breach was judged under version 1: the clock starts again.
    expect((await evaluateAlerts({ db: database.db }, SLOT + 11 * MIN, delivery)).fired).toEqual([]);
    const [rule] = await listAlertRules(database.db, WS);
    expect(rule?.breachSince).toBe(SLOT + 11 * MIN);
    expect((await evaluateAlerts({ db: database.db }, SLOT + 21 * MIN, delivery)).fired).toHaveLength(1);
    // Editing the rule restarts it as well.
    if (rule) await updateAlertRule(database.db, WS, rule.id, rule.rule, true, SLOT + 22 * MIN);
    expect((await listAlertRules(database.db, WS))[0]?.breachSince).toBeNull();
  });

  it('CSAT below the same hour last week, and a sudden rise of one intent', async () => {
    const channels = { console: true, emails: [], webhooks: [] };
    await createAlertRule(
      database.db,
      WS,
      {
        kind: 'last_week',
        name: 'CSAT 下降',
        metric: 'csat',
        drop: 0.1,
        windowMinutes: 60,
        minBase: 3,
        cooldownMinutes: 60,
        channels,
      },
      SLOT,
    );
    await createAlertRule(
      database.db,
      WS,
      {
        kind: 'intent_spike',
        name: '退款激增',
        factor: 3,
        minCount: 5,
        baselineDays: 7,
        windowMinutes: 60,
        minBase: 1,
        cooldownMinutes: 60,
        channels,
      },
      SLOT,
    );
    const week = 7 * 24 * 60 * MIN;
    await load([
      ...conversations('lw', 4, SLOT - week - 30 * MIN, true, { csat: 5 }),
      ...conversations('now', 4, SLOT - 30 * MIN, true, { csat: 2 }),
      // The usual: one refund question a day for the past week; now eight in an hour.
      ...Array.from({ length: 6 }, (_, d) =>
        conversations(`r${d}_`, 1, SLOT - (d + 1) * 24 * 60 * MIN, true, { intent: 'refund' }),
      ).flat(),
      ...conversations('spike', 8, SLOT - 20 * MIN, false, { intent: 'refund' }),
    ]);
    const { fired } = await evaluateAlerts({ db: database.db }, SLOT, delivery);
    expect(fired).toHaveLength(2);
    const history = await listAlerts(database.db, WS);
    expect(history.map((h) => h.metric).sort()).toEqual(['csat', 'intent']);
    expect(history.find((h) => h.metric === 'intent')?.message).toContain('refund');
  });
});

describe('analytics on the scheduler', () => {
  it('enqueues one tick per slot with a deterministic key', async () => {
    const clock = new ManualClock(SLOT + 5_000);
    const keys: string[] = [];
    const jobs = {
      enqueue: async (_name: string, _payload: unknown, options?: { jobKey?: string }) => {
        const created = !keys.includes(options?.jobKey ?? '');
        if (created) keys.push(options?.jobKey ?? '');
        return { id: 'job', created };
      },
      handle: () => {},
    } as unknown as JobQueue;
    const logger = createLogger({ level: 'silent' });
    const run = async () => {
      const scheduler = new Scheduler({ jobs, clock, logger, graceMs: 90_000 });
      registerAnalyticsJobs({ db: undefined as never, clock, logger }, { jobs, scheduler });
      await scheduler.tick();
    };
    await run();
    await run(); // a second cron instance computes the same slots
    expect(keys).toEqual([`analytics.tick:${SLOT - 60_000}`, `analytics.tick:${SLOT}`]);
  });
});
