import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testEngines } from '../../test/support/engines.ts';
import { ManualClock } from '../platform/clock.ts';
import { appendReportingEvent } from '../platform/reporting.ts';
import { DAY, HOUR } from './buckets.ts';
import { DEFAULT_DEFINITIONS, type MetricId } from './definitions.ts';
import { getDefinitions, saveDefinitions } from './definitions-store.ts';
import { ingestReportingEvents } from './ingest.ts';
import { queryMetrics } from './query.ts';
import { rebuildFacts } from './rebuild.ts';
import { appendEvents } from './testing/append.ts';
import { CONVERSATIONS, EXPECTED_TOTALS, S, scenarioEvents, T0 } from './testing/scenario.ts';

const WS = 'ws_analytics_test';

describe.each(testEngines())('ingestion and rollups on %s', (engine) => {
  let database: TestDatabase;
  const clock = new ManualClock(T0 + DAY);
  const ctx = () => ({ db: database.db, clock });
  const totals = async (defs = DEFAULT_DEFINITIONS) =>
    (await queryMetrics(database.db, defs, { workspaceId: WS, from: T0 - HOUR, to: T0 + DAY }))[0]?.metrics;

  beforeEach(async () => {
    database = await openTestDatabase(engine);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('matches the hand-computed figures when events arrive in two runs, late ones and all, and again when run twice', async () => {
    const events = scenarioEvents();
    // The second half includes earlier-stamped events of conversations the first run already folded.
    await appendEvents(
      database.db,
      WS,
      events.filter((_, i) => i % 2 === 0),
    );
    await ingestReportingEvents(ctx(), { batchSize: 7 });
    await appendEvents(
      database.db,
      WS,
      events.filter((_, i) => i % 2 === 1),
    );
    await ingestReportingEvents(ctx(), { batchSize: 7 });
    const first = await totals();
    for (const [id, expected] of Object.entries(EXPECTED_TOTALS))
      expect(first?.[id as MetricId].value, id).toBeCloseTo(expected, 6);
    await ingestReportingEvents(ctx());
    await ingestReportingEvents(ctx(), { lookbackMs: 10 * DAY });
    expect(await totals()).toEqual(first);
  });

  it('picks up an event whose id sorts behind the cursor (slow clock, late commit) within the look-back', async () => {
    await appendEvents(database.db, WS, scenarioEvents());
    await ingestReportingEvents(ctx());
    const cursor = await database.db.selectFrom('analytics_cursor').selectAll().executeTakeFirstOrThrow();
    // An agent reply to D from a process whose clock is 2 minutes slow: its id sorts before the cursor.
    const behind = `evt_${cursor.last_id.slice(4, 6)}${'0'.repeat(24)}`;
    const lateId = cursor.last_id.slice(0, 10) > behind.slice(0, 10) ? await slowId(cursor.last_id) : behind;
    await database.db
      .insertInto('reporting_events')
      .values({
        id: lateId,
        workspace_id: WS,
        type: 'message.created',
        conversation_id: CONVERSATIONS.D,
        actor_type: 'user',
        actor_id: 'usr_agent_x',
        data: JSON.stringify({ messageId: 'late-1', seq: 2, senderType: 'agent', private: false }),
        at: T0 + 30 * 60 * S + 30 * S,
      })
      .execute();
    expect(lateId < cursor.last_id).toBe(true);
    await ingestReportingEvents(ctx());
    const after = await totals();
    expect(after?.frt_human.value).toBeCloseTo(60_000, 6); // (90 s + 30 s) / 2
    expect(after?.service_level.value).toBeCloseTo(1 / 3, 6); // D answered in 30 s ≤ 60 s
  });

  it('slices by channel and agent, and series by hour, day and week add up to the total', async () => {
    await appendEvents(database.db, WS, scenarioEvents());
    await ingestReportingEvents(ctx());
    const q = { workspaceId: WS, from: T0 - HOUR, to: T0 + DAY };
    const byChannel = await queryMetrics(database.db, DEFAULT_DEFINITIONS, { ...q, groupBy: 'channel' });
    expect(Object.fromEntries(byChannel.map((r) => [r.key, r.sums.conversations]))).toEqual({ web: 2, api: 2 });
    const web = byChannel.find((r) => r.key === 'web');
    expect(web?.metrics.containment.value).toBe(0.5);
    const agentY = await queryMetrics(database.db, DEFAULT_DEFINITIONS, {
      ...q,
      groupBy: 'day',
      filter: { dim: 'agent', value: 'usr_agent_y' },
    });
    expect(agentY.map((r) => r.sums.conversations)).toEqual([1]);
    expect(agentY[0]?.metrics.aht.value).toBe(380_000);
    for (const groupBy of ['hour', 'day', 'week'] as const) {
      const rows = await queryMetrics(database.db, DEFAULT_DEFINITIONS, { ...q, groupBy });
      expect(
        rows.reduce((n, r) => n + r.sums.conversations, 0),
        groupBy,
      ).toBe(4);
    }
    const hours = await queryMetrics(database.db, DEFAULT_DEFINITIONS, { ...q, groupBy: 'hour' });
    expect(hours.map((r) => r.key)).toEqual([T0]);
  });

  it('answers a ten-year range from a bounded number of rows and refuses ten years of hours', async () => {
    await appendEvents(database.db, WS, scenarioEvents());
    await ingestReportingEvents(ctx());
    const tenYears = { workspaceId: WS, from: T0 - 5 * 365 * DAY + 1234, to: T0 + 5 * 365 * DAY };
    const [total] = await queryMetrics(database.db, DEFAULT_DEFINITIONS, tenYears);
    expect(total?.sums.conversations).toBe(4);
    const weeks = await queryMetrics(database.db, DEFAULT_DEFINITIONS, { ...tenYears, groupBy: 'week' });
    expect(weeks).toHaveLength(1);
    await expect(
      queryMetrics(database.db, DEFAULT_DEFINITIONS, { ...tenYears, groupBy: 'hour' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('recomputes under an edited definition without double counting', async () => {
    await appendEvents(database.db, WS, scenarioEvents());
    await ingestReportingEvents(ctx());
    const { version: _v, ...params } = DEFAULT_DEFINITIONS;
    await saveDefinitions(database.db, WS, { ...params, serviceLevelSeconds: 100, csatSatisfiedMin: 5 }, clock.now());
    const rebuilt = await rebuildFacts(ctx(), WS);
    expect(rebuilt).toEqual({ conversations: 4, version: 2 });
    const defs = await getDefinitions(database.db, WS);
    const after = await totals(defs);
    expect(after?.service_level.value).toBe(0.5); // B's 90 s now within 100 s
    expect(after?.conversations.value).toBe(4);
    expect(after?.csat.value).toBe(1);
    await rebuildFacts(ctx(), WS);
    expect(await totals(defs)).toEqual(after);
  });

  it('keeps tenants apart', async () => {
    await appendEvents(database.db, WS, scenarioEvents());
    await appendReportingEvent(database.db, {
      workspaceId: 'ws_other',
      type: 'conversation.opened',
      conversationId: 'conv_other',
      actor: { type: 'system', id: null },
      data: { status: 'bot' },
      at: T0,
    });
    await ingestReportingEvents(ctx());
    expect((await totals())?.conversations.value).toBe(4);
  });
});

/** An id two minutes before the cursor's, as a process with a slow clock would draw it. */
async function slowId(lastId: string): Promise<string> {
  const { decodeTime, encodeTime } = await import('ulid');
  const time = decodeTime(lastId.slice(4).toUpperCase());
  return `evt_${encodeTime(time - 2 * 60_000, 10).toLowerCase()}${'z'.repeat(16)}`;
}
