import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testEngines } from '../../test/support/engines.ts';
import { ManualClock } from '../platform/clock.ts';
import { appendReportingEvent } from '../platform/reporting.ts';
import { DAY, HOUR } from './buckets.ts';
import { DEFAULT_DEFINITIONS } from './definitions.ts';
import { drillDown } from './drilldown.ts';
import { csvField, exportConversationsCsv } from './export-csv.ts';
import { ingestReportingEvents } from './ingest.ts';
import { botPostMortem } from './post-mortem.ts';
import { computeScorecards } from './scorecard.ts';
import { progressOf, quantile, setTarget, suggestTarget } from './targets.ts';
import { appendEvents } from './testing/append.ts';
import { CONVERSATIONS, S, scenarioEvents, T0 } from './testing/scenario.ts';

const WS = 'ws_reports';
const RANGE = { workspaceId: WS, from: T0 - 2 * HOUR, to: T0 + DAY };

describe.each(testEngines())('drill-down, export, targets, scorecards and post-mortem on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await appendEvents(database.db, WS, scenarioEvents());
    // The knowledge base changed at 09:30, before the scenario's hour.
    await appendReportingEvent(database.db, {
      workspaceId: WS,
      type: 'bot.version_changed',
      actor: { type: 'user', id: 'usr_editor' },
      data: { kind: 'knowledge', version: 'kb-42', note: '新增退款政策' },
      at: T0 - 30 * 60 * S,
    });
    await ingestReportingEvents({ db: database.db, clock: new ManualClock(T0 + DAY) });
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('lands on the conversations behind a figure: base, hits, misses, pages', async () => {
    const ids = async (q: Partial<Parameters<typeof drillDown>[1]>) =>
      (await drillDown(database.db, { ...RANGE, metric: 'conversations', ...q })).conversations.map(
        (c) => c.conversationId,
      );
    expect(await ids({ metric: 'containment' })).toEqual([CONVERSATIONS.B, CONVERSATIONS.A]);
    expect(await ids({ metric: 'containment', only: 'hit' })).toEqual([CONVERSATIONS.A]);
    expect(await ids({ metric: 'abandonment', only: 'hit' })).toEqual([CONVERSATIONS.C]);
    expect(await ids({ metric: 'service_level', only: 'miss' })).toEqual([CONVERSATIONS.C, CONVERSATIONS.B]);
    expect(await ids({ metric: 'conversations', filter: { dim: 'channel', value: 'api' } })).toEqual([
      CONVERSATIONS.D,
      CONVERSATIONS.C,
    ]);
    const first = await drillDown(database.db, { ...RANGE, metric: 'conversations', limit: 3 });
    const second = await drillDown(database.db, {
      ...RANGE,
      metric: 'conversations',
      limit: 3,
      cursor: first.nextCursor ?? '',
    });
    expect([...first.conversations, ...second.conversations].map((c) => c.conversationId)).toEqual([
      CONVERSATIONS.D,
      CONVERSATIONS.C,
      CONVERSATIONS.B,
      CONVERSATIONS.A,
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('exports one row per conversation, formulas defused', async () => {
    let csv = '';
    for await (const chunk of exportConversationsCsv(database.db, RANGE, 2)) csv += chunk;
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^\uFEFFconversation_id,started_at,/);
    expect(lines[1]).toContain(CONVERSATIONS.A);
    expect(lines[1]).toContain('很快，谢谢');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(true)).toBe('1');
  });

  it('suggests targets from history or a benchmark and shows progress', async () => {
    const suggestion = await suggestTarget(database.db, DEFAULT_DEFINITIONS, {
      workspaceId: WS,
      metric: 'resolution_rate',
      scenario: 'all',
      now: T0 + 7 * DAY,
      weeks: 2,
    });
    expect(suggestion.weeks.map((w) => w.value)).toEqual([null, 0.5]);
    expect(suggestion).toMatchObject({ value: 0.5, source: 'history', median: 0.5 });
    const benchmark = await suggestTarget(database.db, DEFAULT_DEFINITIONS, {
      workspaceId: WS,
      metric: 'csat',
      scenario: 'all',
      now: T0 + 7 * DAY,
      benchmark: 0.85,
    });
    expect(benchmark).toMatchObject({ value: 0.85, source: 'benchmark', median: 1 });
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(progressOf('frt_human', 90_000, 60_000)).toEqual({
      target: 60_000,
      met: false,
      attainment: 60_000 / 90_000,
    });
    expect(progressOf('csat', 0.9, 0.85)?.met).toBe(true);
  });

  it('scores agents, teams and the bot with weighted, target-aware composites', async () => {
    await setTarget(database.db, WS, { metric: 'frt_human', scenario: 'all', value: 60_000, source: 'manual' }, T0);
    const cards = await computeScorecards(database.db, DEFAULT_DEFINITIONS, { ...RANGE, scenario: 'all' });
    const agentY = cards.agents.find((a) => a.subject === 'usr_agent_y');
    // resolution 100, csat (no answer) left out, FRT 60/90 of target → 66.7, service level 0.
    expect(agentY?.score).toBeCloseTo((100 + (60 / 90) * 100 + 0) / 3, 6);
    expect(cards.teams.map((t) => t.subject)).toEqual(['after_sales']);
    // containment 50 ×4, gap rate 50 ×2, transfer rate 50 ×2, CSAT 100 ×2.
    expect(cards.bot.score).toBeCloseTo(60, 6);
  });

  it('classifies the bot failures and compares before and after a knowledge change', async () => {
    const report = await botPostMortem(database.db, DEFAULT_DEFINITIONS, RANGE);
    expect(report.botConversations).toBe(2);
    expect(report.failed).toBe(1);
    const gap = report.causes.find((c) => c.cause === 'knowledge_gap');
    expect(gap?.count).toBe(1);
    expect(gap?.examples.map((e) => e.conversationId)).toEqual([CONVERSATIONS.B]);
    expect(report.changes).toHaveLength(1);
    expect(report.changes[0]).toMatchObject({
      marker: { kind: 'knowledge', version: 'kb-42' },
      failuresBefore: 0,
      failuresAfter: 1,
    });
    expect(report.changes[0]?.before.containment?.value).toBeNull();
    expect(report.changes[0]?.after.containment?.value).toBe(0.5);
    await expect(
      botPostMortem(database.db, DEFAULT_DEFINITIONS, { ...RANGE, from: T0 - 400 * DAY }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
