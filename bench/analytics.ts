import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg as loadAverage, tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { DEFAULT_DEFINITIONS } from '../server/src/analytics/definitions.ts';
import { drillDown } from '../server/src/analytics/drilldown.ts';
import { ingestReportingEvents } from '../server/src/analytics/ingest.ts';
import { queryMetrics } from '../server/src/analytics/query.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import { type Database, openDatabase } from '../server/src/platform/db/database.ts';
import { migrateToLatest } from '../server/src/platform/db/migrate.ts';
import { copyRows } from './analytics-copy.ts';
import { type GeneratedEvent, generateEvents } from './analytics-data.ts';

/**
 * `npm run bench:analytics`: generated reporting events (BENCH_CONVERSATIONS conversations × BENCH_MESSAGES messages,
 * 60 agents, 90 days) loaded into the embedded store and, when LINGXI_TEST_PG_URL is set, into PostgreSQL; times the
 * ingestion into facts and rollups, then the 30-day overview (total + daily series, as the dashboard asks), the people
 * breakdown, a ten-year total, and a drill-down. Prints a table; the last line is JSON.
 *
 * Loading is a bulk path, not a shortcut: the rows go into reporting_events with every index and trigger (64-row
 * INSERTs on SQLite, COPY on PostgreSQL, 20,000 rows per transaction), then the product's ingestReportingEvents folds
 * them into facts and rollups in 50,000-event batches. At the scale: BENCH_CONVERSATIONS=1000000.
 */
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 60);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const DAYS = 90;
const DAY = 86_400_000;
const WS = 'ws_bench';

interface Timings {
  p50: number;
  p95: number;
}

function summary(samples: number[]): Timings {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
  return { p50: round(at(0.5)), p95: round(at(0.95)) };
}
const round = (n: number) => Math.round(n * 10) / 10;

async function time(runs: number, fn: () => Promise<unknown>): Promise<Timings> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return summary(samples);
}

const COLUMNS = ['id', 'workspace_id', 'type', 'conversation_id', 'actor_type', 'actor_id', 'data', 'at'] as const;

/** Rows per INSERT statement on SQLite: 8 columns × 64 rows stays far below its 32,766 parameters. */
const SQLITE_ROWS = 64;

async function loadSqlite(file: string, chunks: Iterable<GeneratedEvent[]>): Promise<number> {
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const values = (rows: number) =>
    Array.from({ length: rows }, () => `(${COLUMNS.map(() => '?').join(',')})`).join(',');
  const statement = (rows: number) =>
    raw.prepare(`insert into reporting_events (${COLUMNS.join(',')}) values ${values(rows)}`);
  const full = statement(SQLITE_ROWS);
  // One transaction per chunk, multi-row statements inside it: the same rows an emitter appends, fewer round trips.
  const insertMany = raw.transaction((rows: GeneratedEvent[]) => {
    for (let i = 0; i < rows.length; i += SQLITE_ROWS) {
      const slice = rows.slice(i, i + SQLITE_ROWS);
      const parameters = slice.flatMap((row) => COLUMNS.map((c) => row[c]));
      (slice.length === SQLITE_ROWS ? full : statement(slice.length)).run(parameters);
    }
  });
  let n = 0;
  for (const chunk of chunks) {
    insertMany(chunk);
    n += chunk.length;
    if (n % 1_000_000 < chunk.length) console.error(`sqlite: loaded ${n} events`);
  }
  raw.close();
  return n;
}

async function loadPostgres(url: string, schema: string, chunks: Iterable<GeneratedEvent[]>): Promise<number> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  let n = 0;
  try {
    // One COPY per chunk (20,000 rows), each its own transaction.
    for (const chunk of chunks) {
      await copyRows(client, 'reporting_events', COLUMNS, chunk as unknown as Array<Record<string, unknown>>);
      n += chunk.length;
      if (n % 1_000_000 < chunk.length) console.error(`postgres: loaded ${n} events`);
    }
  } finally {
    await client.end();
  }
  return n;
}

/** Node's own CPU (user + system) in ms since `since`: the database server's work on PostgreSQL is not in it. */
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1000);
};

/** Batches per ingestion round; PostgreSQL's statistics are refreshed between rounds (see below). */
const ROUND_BATCHES = 20;

async function measure(engine: 'sqlite' | 'postgres', database: Database, load: () => Promise<number>) {
  const now = Date.UTC(2026, 10, 26, 12, 0, 0);
  const loadStart = performance.now();
  const loadCpu = process.cpuUsage();
  const events = await load();
  const loadMs = performance.now() - loadStart;
  const loadCpuMs = cpuMs(loadCpu);
  // The product's own ingestion, with bigger batches than a scheduled run uses: every event is read from
  // reporting_events, folded into its conversation's fact and moved into the hour/day rollups, batch by batch.
  const ingestStart = performance.now();
  const ingestCpu = process.cpuUsage();
  let ingested = 0;
  for (;;) {
    // The test server runs with autovacuum off; a production server's autovacuum would keep the planner's
    // statistics within a minute of a table growing by 10%. Without them PostgreSQL reads a conversation's fact
    // through the wrong index once the fact table grows by a million rows in minutes.
    if (engine === 'postgres')
      await sql`analyze reporting_events, analytics_facts, analytics_rollups`.execute(database.db);
    const round = await ingestReportingEvents(
      { db: database.db, clock: systemClock },
      { batchSize: 50_000, lookbackMs: 0, maxBatches: ROUND_BATCHES },
    );
    ingested += round.events;
    console.error(
      `${engine}: ingested ${ingested} of ${events} events, ${Math.round((performance.now() - ingestStart) / 1000)} s`,
    );
    if (round.batches < ROUND_BATCHES) break;
  }
  const ingestMs = performance.now() - ingestStart;
  const ingestCpuMs = cpuMs(ingestCpu);
  console.error(
    `${engine}: loaded ${events} events in ${Math.round(loadMs)} ms (node CPU ${loadCpuMs} ms), ingested in ${Math.round(ingestMs)} ms (node CPU ${ingestCpuMs} ms)`,
  );
  // Each round re-reads the cursor's own millisecond (ids order within it at random): a few events folded twice,
  // harmlessly. The conversation count below checks that nothing was counted twice.
  if (ingested < events) throw new Error(`ingested ${ingested} of ${events} events`);
  const last30 = { workspaceId: WS, from: now - 30 * DAY, to: now };
  const defs = DEFAULT_DEFINITIONS;
  const overview = await time(RUNS, () =>
    Promise.all([
      queryMetrics(database.db, defs, last30),
      queryMetrics(database.db, defs, { ...last30, groupBy: 'day' }),
    ]),
  );
  const people = await time(RUNS, () => queryMetrics(database.db, defs, { ...last30, groupBy: 'agent' }));
  const tenYears = await time(RUNS, () =>
    queryMetrics(database.db, defs, { workspaceId: WS, from: now - 3652 * DAY, to: now, groupBy: 'week' }),
  );
  const drilldown = await time(RUNS, () =>
    drillDown(database.db, { ...last30, metric: 'containment', only: 'miss', limit: 50 }),
  );
  // Every generated conversation counted once (the last ones may start a few minutes after `now`).
  const [check] = await queryMetrics(database.db, defs, { workspaceId: WS, from: now - 3652 * DAY, to: now + DAY });
  if (check?.sums.conversations !== CONVERSATIONS)
    throw new Error(`counted ${check?.sums.conversations} conversations`);
  return {
    engine,
    events,
    load_ms: Math.round(loadMs),
    load_cpu_ms: loadCpuMs,
    ingest_ms: Math.round(ingestMs),
    ingest_cpu_ms: ingestCpuMs,
    ingest_events_per_s: Math.round(events / (ingestMs / 1000)),
    overview_ms: overview,
    people_ms: people,
    ten_year_weekly_ms: tenYears,
    drilldown_ms: drilldown,
  };
}

async function main(): Promise<void> {
  const end = Date.UTC(2026, 10, 26, 12, 0, 0);
  const generate = () =>
    generateEvents({
      workspaceId: WS,
      conversations: CONVERSATIONS,
      messagesPerConversation: MESSAGES,
      agents: AGENTS,
      days: DAYS,
      end,
    });
  const results: Array<Awaited<ReturnType<typeof measure>>> = [];

  const dir = mkdtempSync(join(tmpdir(), 'lingxi-bench-analytics-'));
  const file = join(dir, 'bench.db');
  try {
    const database = await openDatabase({ url: file });
    await migrateToLatest(database.db);
    results.push(await measure('sqlite', database, () => loadSqlite(file, generate())));
    await database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const url = process.env.LINGXI_TEST_PG_URL;
  if (url) {
    const schema = `bench_analytics_${process.pid}`;
    const database = await openDatabase({ url, schema, poolSize: 4 });
    try {
      await migrateToLatest(database.db);
      results.push(await measure('postgres', database, () => loadPostgres(url, schema, generate())));
    } finally {
      await database.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  }

  const messages = CONVERSATIONS * MESSAGES;
  console.log(
    `\nanalytics benchmark: ${CONVERSATIONS} conversations, ${messages} messages, ${AGENTS} agents, ${DAYS} days`,
  );
  console.log(
    'engine      events  load s (cpu)  ingest s (cpu)  events/s  overview p50/p95 ms  people p50/p95  10y weekly p50/p95  drill p50/p95',
  );
  for (const r of results) {
    console.log(
      [
        r.engine.padEnd(8),
        String(r.events).padStart(10),
        `${(r.load_ms / 1000).toFixed(0)} (${(r.load_cpu_ms / 1000).toFixed(0)})`.padStart(12),
        `${(r.ingest_ms / 1000).toFixed(0)} (${(r.ingest_cpu_ms / 1000).toFixed(0)})`.padStart(14),
        String(r.ingest_events_per_s).padStart(9),
        `${r.overview_ms.p50}/${r.overview_ms.p95}`.padStart(20),
        `${r.people_ms.p50}/${r.people_ms.p95}`.padStart(15),
        `${r.ten_year_weekly_ms.p50}/${r.ten_year_weekly_ms.p95}`.padStart(19),
        `${r.drilldown_ms.p50}/${r.drilldown_ms.p95}`.padStart(14),
      ].join('  '),
    );
  }
  console.log(
    `(load ${loadAverage()
      .map((l) => l.toFixed(1))
      .join(' ')}; node CPU in brackets, the database server's not included)`,
  );
  const byEngine = Object.fromEntries(
    results.map((r) => [r.engine, { overview_ms: r.overview_ms, drilldown_ms: r.drilldown_ms }]),
  );
  console.log(JSON.stringify({ conversations: CONVERSATIONS, messages, ...byEngine }));
}

await main();
