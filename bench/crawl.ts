// Crawl benchmark: a 500-page help-centre site served on 127.0.0.1 by a node http server, crawled from its home page
// (links, robots.txt, redirects and all) with main-content extraction and content hashing. Progress is printed as it
// goes; the last line is JSON. Target (issue 4): the 500-page crawl in at most 60 s.
// Run: npm run bench:crawl [-- --pages 500 --concurrency 4]
import { crawlSite } from '../server/src/knowledge/acquisition/crawl/crawler.ts';
import { createHttpFetcher } from '../server/src/knowledge/acquisition/crawl/fetch-page.ts';
import { startTestSite } from '../server/src/knowledge/acquisition/crawl/testing/test-site.ts';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const pages = flag('pages', 500);
const concurrency = flag('concurrency', 4);
const TARGET_SECONDS = 60;
const site = await startTestSite({ pages });
const userAgent = 'LingxiBot/1.0 (bench)';
let lastShown = -10;
let stored = 0;
let bytes = 0;
const started = performance.now();
const summary = await crawlSite({
  startUrl: site.url,
  maxDepth: 5,
  maxPages: pages + 50,
  concurrency,
  userAgent,
  // The bench site is on loopback, which only configuration (here, explicitly) may allow.
  fetcher: createHttpFetcher({ policy: { allow: ['loopback'] }, userAgent }),
  onPage: async (page) => {
    stored++;
    bytes += page.text.length;
  },
  onProgress: (p) => {
    if (p.percent >= lastShown + 10 || p.percent === 100) {
      lastShown = p.percent;
      process.stderr.write(
        `progress ${String(p.percent).padStart(3)}%  fetched ${p.fetched}  stored ${p.stored}  queued ${p.queued}\n`,
      );
    }
  },
});
const seconds = (performance.now() - started) / 1000;
await site.close();

const articlePages = summary.stored;
const result = {
  site_pages: pages,
  fetched: summary.fetched,
  stored: summary.stored,
  skipped: summary.skippedCount,
  concurrency,
  seconds: Number(seconds.toFixed(2)),
  pages_per_second: Number((summary.fetched / seconds).toFixed(1)),
  extracted_chars: bytes,
  target_seconds: TARGET_SECONDS,
  pass: seconds <= TARGET_SECONDS && articlePages >= pages,
};
const rows: [string, string, string][] = [
  [
    'crawl of the local test site',
    `${result.seconds} s for ${result.fetched} requests (${result.stored} pages kept)`,
    `≤ ${TARGET_SECONDS} s for ${pages} pages`,
  ],
  ['throughput', `${result.pages_per_second} pages/s`, '—'],
  ['skipped (robots, redirects, 404, non-HTML)', String(result.skipped), '—'],
];
console.log(`\n${'measure'.padEnd(44)} ${'figure'.padEnd(44)} target`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(44)} ${b.padEnd(44)} ${c}`);
console.log(JSON.stringify(result));
