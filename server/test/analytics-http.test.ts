import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../src/analytics/buckets.ts';
import type { MetricId } from '../src/analytics/definitions.ts';
import { ingestReportingEvents } from '../src/analytics/ingest.ts';
import { appendEvents } from '../src/analytics/testing/append.ts';
import { CONVERSATIONS, EXPECTED_TOTALS, scenarioEvents, T0 } from '../src/analytics/testing/scenario.ts';
import { testEngines } from './support/engines.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './support/test-app.ts';

const RANGE = `from=${T0 - HOUR}&to=${T0 + DAY}`;

describe.each(testEngines())('analytics over HTTP on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, SignedIn> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    const [a, b] = t.workspaces;
    // Agent Y of the scenario is workspace A's real agent, so "my figures" can be checked.
    const events = scenarioEvents().map((e) =>
      e.data.assigneeId === 'usr_agent_y' ? { ...e, data: { ...e.data, assigneeId: a.users.agent.id } } : e,
    );
    await appendEvents(t.ctx.db, a.id, events);
    await appendEvents(t.ctx.db, b.id, scenarioEvents().slice(0, 9));
    await ingestReportingEvents(t.ctx);
    for (const [key, email] of [
      ['supervisor', a.users.supervisor.email],
      ['agent', a.users.agent.email],
      ['auditor', a.users.auditor.email],
      ['otherSupervisor', b.users.supervisor.email],
    ] as const)
      as[key] = await signIn(t.app, email);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: as[who]?.headers ?? {} });
  const send = (who: string, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    payload === undefined
      ? t.app.inject({ method, url, headers: as[who]?.headers ?? {} })
      : t.app.inject({ method, url, headers: as[who]?.headers ?? {}, payload });

  it('serves every metric as computed by hand, with the definitions for the tooltips', async () => {
    const response = await get('supervisor', `/api/v1/analytics/metrics?${RANGE}`);
    expect(response.statusCode).toBe(200);
    const total = response.json().rows[0].metrics;
    for (const [id, expected] of Object.entries(EXPECTED_TOTALS))
      expect(total[id as MetricId].value, id).toBeCloseTo(expected, 6);
    const defs = (await get('agent', '/api/v1/analytics/definitions')).json();
    expect(defs.metrics.find((m: { id: string }) => m.id === 'csat').definition.zh).toContain('4–5');
  });

  it('pins an agent to their own figures, whatever they ask for', async () => {
    const mine = (await get('agent', `/api/v1/analytics/metrics?${RANGE}&dim=channel&value=api`)).json();
    expect(mine.rows[0].metrics.conversations.value).toBe(1);
    expect(mine.rows[0].metrics.aht.value).toBe(380_000);
    const drill = (await get('agent', `/api/v1/analytics/drilldown?metric=conversations&${RANGE}`)).json();
    expect(drill.conversations.map((c: { conversationId: string }) => c.conversationId)).toEqual([CONVERSATIONS.B]);
    const cards = (await get('agent', `/api/v1/analytics/scorecards?${RANGE}`)).json();
    expect(cards.agents.map((a: { subject: string }) => a.subject)).toEqual([t.workspaces[0].users.agent.id]);
    expect(cards.teams).toEqual([]);
  });

  it('drills from a figure to its conversations and exports one CSV row per conversation', async () => {
    const drill = await get('supervisor', `/api/v1/analytics/drilldown?metric=abandonment&only=hit&${RANGE}`);
    expect(drill.json().conversations.map((c: { conversationId: string }) => c.conversationId)).toEqual([
      CONVERSATIONS.C,
    ]);
    const csv = await get('supervisor', `/api/v1/analytics/export.csv?${RANGE}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trimEnd().split('\r\n')).toHaveLength(5);
  });

  it('refuses auditors everything and agents the supervisors’ views', async () => {
    const reads = [
      '/api/v1/analytics/definitions',
      `/api/v1/analytics/metrics?${RANGE}`,
      `/api/v1/analytics/drilldown?metric=csat&${RANGE}`,
      `/api/v1/analytics/export.csv?${RANGE}`,
      `/api/v1/analytics/scorecards?${RANGE}`,
      `/api/v1/analytics/bot/post-mortem?${RANGE}`,
      '/api/v1/analytics/targets',
      '/api/v1/analytics/alert-rules',
      '/api/v1/analytics/alerts',
      '/api/v1/analytics/notifications',
    ];
    for (const url of reads) expect((await get('auditor', url)).statusCode, url).toBe(403);
    for (const url of reads.slice(5).filter((u) => !u.endsWith('/targets')))
      expect((await get('agent', url)).statusCode, url).toBe(403);
    expect((await send('agent', 'PUT', '/api/v1/analytics/targets', { metric: 'csat', value: 0.9 })).statusCode).toBe(
      403,
    );
    expect((await send('agent', 'PUT', '/api/v1/analytics/definitions', {})).statusCode).toBe(403);
  });

  it('manages targets, weights, rules and definitions; another workspace sees none of it', async () => {
    expect(
      (await send('supervisor', 'PUT', '/api/v1/analytics/targets', { metric: 'resolution_rate', value: 0.8 }))
        .statusCode,
    ).toBe(204);
    const withTarget = (await get('supervisor', `/api/v1/analytics/metrics?${RANGE}`)).json();
    expect(withTarget.rows[0].metrics.resolution_rate.progress).toEqual({ target: 0.8, met: false, attainment: 0.625 });
    const suggest = await send('supervisor', 'POST', '/api/v1/analytics/targets/suggest', {
      metric: 'csat',
      benchmark: 0.85,
    });
    expect(suggest.json()).toMatchObject({ value: 0.85, source: 'benchmark' });
    expect(
      (await send('supervisor', 'PUT', '/api/v1/analytics/scorecards/pre_sales', { weights: { csat: 2, fcr: 1 } }))
        .statusCode,
    ).toBe(204);
    const cards = (await get('supervisor', `/api/v1/analytics/scorecards?scenario=pre_sales&${RANGE}`)).json();
    expect(cards.weights).toEqual({ csat: 2, fcr: 1 });

    const rule = {
      kind: 'threshold',
      name: 'CSAT 过低',
      metric: 'csat',
      comparator: 'below',
      threshold: 0.7,
      channels: { console: true, emails: [], webhooks: [] },
    };
    const created = await send('supervisor', 'POST', '/api/v1/analytics/alert-rules', { rule });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await get('supervisor', '/api/v1/analytics/alert-rules')).json().rules).toHaveLength(1);
    expect((await get('otherSupervisor', '/api/v1/analytics/alert-rules')).json().rules).toHaveLength(0);
    expect((await send('otherSupervisor', 'PUT', `/api/v1/analytics/alert-rules/${id}`, { rule })).statusCode).toBe(
      404,
    );
    expect((await send('otherSupervisor', 'DELETE', `/api/v1/analytics/alert-rules/${id}`)).statusCode).toBe(404);
    expect(
      (await send('supervisor', 'PUT', `/api/v1/analytics/alert-rules/${id}`, { rule, enabled: false })).statusCode,
    ).toBe(204);
    expect((await send('supervisor', 'DELETE', `/api/v1/analytics/alert-rules/${id}`)).statusCode).toBe(204);
    expect(
      (await send('supervisor', 'POST', '/api/v1/analytics/alert-rules', { rule: { ...rule, metric: 'nope' } }))
        .statusCode,
    ).toBe(400);

    const other = (await get('otherSupervisor', `/api/v1/analytics/metrics?${RANGE}`)).json();
    expect(other.rows[0].metrics.conversations.value).toBe(1); // B's tenant got only conversation A's events
    expect((await get('otherSupervisor', '/api/v1/analytics/targets')).json().targets).toEqual([]);

    const edited = await send('supervisor', 'PUT', '/api/v1/analytics/definitions', { serviceLevelSeconds: 100 });
    expect(edited.statusCode).toBe(202);
    const after = (await get('supervisor', `/api/v1/analytics/metrics?${RANGE}`)).json();
    expect(after.definitionsVersion).toBe(2);
    expect(after.rows[0].metrics.service_level.value).toBe(0.5);
    expect(after.rows[0].metrics.conversations.value).toBe(4);
  });

  it('refuses bad ranges with a 400 that names the problem', async () => {
    const backwards = await get('supervisor', `/api/v1/analytics/metrics?from=${T0}&to=${T0 - 1}`);
    expect(backwards.statusCode).toBe(400);
    const hours = await get('supervisor', `/api/v1/analytics/metrics?from=0&to=${T0}&groupBy=hour`);
    expect(hours.json().error.code).toBe('validation_failed');
    const post = (await get('supervisor', `/api/v1/analytics/bot/post-mortem?${RANGE}`)).json();
    expect(post.causes.find((c: { cause: string }) => c.cause === 'knowledge_gap').count).toBe(1);
  });
});
