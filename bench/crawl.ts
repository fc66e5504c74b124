// Crawl benchmark: a 500-page help-centre site served on 127.0.0.1 by a node http server (robots.txt, sitemap,
// redirects, a 404, non-HTML links and all), crawled from its home page with main-content extraction and hashing.
//  1. the crawler alone;
//  2. a full crawl run as the product does it: every page synced into a document draft in a fresh embedded (SQLite)
//     database, progress read back from the run row as the console's progress bar reads it.
// Prints a table, then JSON on the last line. Target (issue 4): the 500-page crawl in at most 60 s, progress shown.
// Run: npm run bench:crawl [-- --pages 500 --concurrency 4]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCrawlSource } from '../server/src/knowledge/acquisition/commands/crawl-sources.ts';
import { runCrawl } from '../server/src/knowledge/acquisition/commands/run-crawl.ts';
import { startCrawlRun } from '../server/src/knowledge/acquisition/commands/start-crawl-run.ts';
import { crawlSite } from '../server/src/knowledge/acquisition/crawl/crawler.ts';
import { createHttpFetcher } from '../server/src/knowledge/acquisition/crawl/fetch-page.ts';
import { startTestSite } from '../server/src/knowledge/acquisition/crawl/testing/test-site.ts';
import { findRun } from '../server/src/knowledge/acquisition/crawl-store.ts';
import { countArticles } from '../server/src/knowledge/store.ts';
import { LocalBus } from '../server/src/platform/bus/local-bus.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import type { ServiceContext } from '../server/src/platform/context.ts';
import { openDatabase } from '../server/src/platform/db/database.ts';
import { migrateToLatest } from '../server/src/platform/db/migrate.ts';
import { DbJobQueue } from '../server/src/platform/jobs/db-job-queue.ts';
import { createLogger } from '../server/src/platform/logger.ts';
import { createWorkspace } from '../server/src/security/commands/create-workspace.ts';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const pages = flag('pages', 500);
const concurrency = flag('concurrency', 4);
const TARGET_SECONDS = 60;
const userAgent = 'LingxiBot/1.0 (bench)';
// The bench site is on loopback, which only configuration (here, explicitly) may allow.
const fetcher = createHttpFetcher({ policy: { allow: ['loopback'] }, userAgent });
const site = await startTestSite({ pages });

// 1. The crawler alone.
let started = performance.now();
const crawl = await crawlSite({
  startUrl: site.url,
  maxDepth: 5,
  maxPages: pages + 50,
  concurrency,
  userAgent,
  fetcher,
  onPage: async () => {},
});
const crawlSeconds = (performance.now() - started) / 1000;

// 2. The product's crawl run: pages become drafts in the database; progress as the API shows it.
const dir = mkdtempSync(join(tmpdir(), 'lingxi-bench-crawl-'));
const database = await openDatabase({ url: join(dir, 'bench.db') });
await migrateToLatest(database.db);
const logger = createLogger({ level: 'silent' });
const bus = new LocalBus({ logger });
const ctx: ServiceContext = {
  db: database.db,
  engine: database.engine,
  clock: systemClock,
  logger,
  bus,
  secret: 'bench'.repeat(8),
};
const workspace = await createWorkspace(ctx, { name: '压测商城' });
const source = await createCrawlSource(ctx, {
  workspaceId: workspace.id,
  input: { name: '帮助中心', startUrl: site.url, maxDepth: 5, maxPages: pages + 50 },
  createdBy: null,
  utcOffsetMinutes: 480,
});
const jobs = new DbJobQueue({ db: database.db, clock: systemClock, logger });
const queued = await startCrawlRun(ctx, jobs, { workspaceId: workspace.id, sourceId: source.id, trigger: 'manual' });
let lastShown = -1;
const watcher = setInterval(async () => {
  const run = await findRun(database.db, workspace.id, queued!.id);
  if (run && run.progress !== lastShown) {
    lastShown = run.progress;
    process.stderr.write(
      `progress ${String(run.progress).padStart(3)}%  fetched ${run.pagesFetched}  new drafts ${run.pagesNew}\n`,
    );
  }
}, 500);
started = performance.now();
const run = await runCrawl(ctx, { workspaceId: workspace.id, runId: queued!.id, fetcher, userAgent, concurrency });
const syncSeconds = (performance.now() - started) / 1000;
clearInterval(watcher);
process.stderr.write(`progress ${run?.progress}%  fetched ${run?.pagesFetched}  new drafts ${run?.pagesNew}\n`);
const drafts = await countArticles(database.db, workspace.id);
await jobs.close();
await bus.close();
await database.close();
rmSync(dir, { recursive: true, force: true });
await site.close();

const result = {
  site_pages: pages,
  concurrency,
  crawl_only: {
    seconds: Number(crawlSeconds.toFixed(2)),
    fetched: crawl.fetched,
    kept: crawl.stored,
    skipped: crawl.skippedCount,
    pages_per_second: Number((crawl.fetched / crawlSeconds).toFixed(1)),
  },
  crawl_to_drafts: {
    seconds: Number(syncSeconds.toFixed(2)),
    fetched: run?.pagesFetched ?? 0,
    drafts,
    progress: run?.progress ?? 0,
    pages_per_second: Number(((run?.pagesFetched ?? 0) / syncSeconds).toFixed(1)),
  },
  target_seconds: TARGET_SECONDS,
  pass: syncSeconds <= TARGET_SECONDS && drafts >= pages,
};
const rows: [string, string, string][] = [
  [
    'crawl only (fetch, robots, extract, hash)',
    `${result.crawl_only.seconds} s, ${crawl.fetched} requests, ${crawl.stored} pages`,
    '—',
  ],
  [
    'crawl run → drafts (SQLite)',
    `${result.crawl_to_drafts.seconds} s, ${drafts} drafts`,
    `≤ ${TARGET_SECONDS} s for ${pages} pages`,
  ],
  ['throughput of the run', `${result.crawl_to_drafts.pages_per_second} pages/s`, '—'],
  ['verdict', result.pass ? 'PASS' : 'FAIL', ''],
];
console.log(`\n${'measure'.padEnd(44)} ${'figure'.padEnd(40)} target`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(44)} ${b.padEnd(40)} ${c}`);
console.log(JSON.stringify(result));
