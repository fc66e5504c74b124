import { decodeHtml } from './decode-html.ts';
import { type ExtractedPage, extractPage } from './extract.ts';
import { FetchError, type FetchedResponse, type PageFetcher } from './fetch-page.ts';
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type Robots } from './robots.ts';
import { collectSitemapUrls, type SitemapResult } from './sitemap.ts';
import { isSameSite, looksLikePage, normalizeUrl } from './url.ts';

export interface CrawledPage extends ExtractedPage {
  url: string;
  depth: number;
}

export const SKIP_REASONS = [
  'robots',
  'off_site_redirect',
  'redirect_loop',
  'too_many_redirects',
  'not_html',
  'http_error',
  'blocked_address',
  'too_large',
  'timeout',
  'network',
  'noindex',
  'empty',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedUrl {
  url: string;
  reason: SkipReason;
  detail?: string;
}

export interface CrawlProgress {
  fetched: number;
  stored: number;
  skipped: number;
  queued: number;
  /** 0–100, against the smaller of the page limit and what is known to remain. */
  percent: number;
}

export interface CrawlOptions {
  startUrl: string;
  /** Seeds from a sitemap besides (or instead of following links from) the start URL. */
  sitemapUrl?: string | null;
  /** Link hops from a seed; 0 crawls only the seeds. */
  maxDepth: number;
  /** Pages requested at most (the robots.txt and sitemap requests aside). */
  maxPages: number;
  userAgent: string;
  fetcher: PageFetcher;
  concurrency?: number;
  maxRedirects?: number;
  /** A site's Crawl-delay is honoured up to this (a site asking for 10 minutes gets this). */
  maxCrawlDelayMs?: number;
  onPage(page: CrawledPage): Promise<void>;
  onProgress?(progress: CrawlProgress): void;
  sleep?(ms: number): Promise<void>;
}

export interface CrawlSummary {
  fetched: number;
  stored: number;
  skippedCount: number;
  /** The first skipped URLs with their reasons (bounded). */
  skipped: SkippedUrl[];
  /** Same-site URLs seen (links and sitemap entries), crawled or not. */
  discovered: number;
  truncated: 'max_pages' | null;
  sitemap: SitemapResult['truncated'];
  robots: 'ok' | 'missing' | 'unavailable';
}

/** Thrown when the site itself may not be crawled (its address is blocked, or its start URL is not http(s)). */
export class CrawlRefusedError extends Error {
  constructor(
    message: string,
    readonly reason: 'blocked_address' | 'bad_url',
  ) {
    super(message);
  }
}

const MAX_SKIPPED_KEPT = 200;

/**
 * Breadth-first crawl of one site: same site only, robots.txt respected, depth and page limits, redirects followed
 * hop by hop (each hop checked for the site and, by the fetcher, for the address), loops and off-site hops refused.
 * Pages are handed to onPage as they come so the caller can store them and report progress.
 */
export async function crawlSite(options: CrawlOptions): Promise<CrawlSummary> {
  const start = normalizeUrl(options.startUrl);
  if (!start) throw new CrawlRefusedError(`not an http(s) URL: ${options.startUrl}`, 'bad_url');
  const maxRedirects = options.maxRedirects ?? 5;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const { robots, state: robotsState } = await loadRobots(options, start, maxRedirects);

  const seen = new Set<string>([start]);
  const queue: { url: string; depth: number }[] = [{ url: start, depth: 0 }];
  let sitemapTruncated: SitemapResult['truncated'] = null;
  if (options.sitemapUrl) {
    const sitemapUrl = normalizeUrl(options.sitemapUrl, start);
    if (sitemapUrl && isSameSite(sitemapUrl, start)) {
      const sitemap = await collectSitemapUrls(options.fetcher, sitemapUrl, { maxUrls: options.maxPages * 2 });
      sitemapTruncated = sitemap.truncated;
      for (const url of sitemap.urls) {
        if (!seen.has(url)) {
          seen.add(url);
          queue.push({ url, depth: 0 });
        }
      }
    }
  }

  const summary: CrawlSummary = {
    fetched: 0,
    stored: 0,
    skippedCount: 0,
    skipped: [],
    discovered: seen.size,
    truncated: null,
    sitemap: sitemapTruncated,
    robots: robotsState,
  };
  const skip = (url: string, reason: SkipReason, detail?: string) => {
    summary.skippedCount++;
    if (summary.skipped.length < MAX_SKIPPED_KEPT)
      summary.skipped.push(detail ? { url, reason, detail } : { url, reason });
  };
  const delayMs = robots.crawlDelaySeconds
    ? Math.min(robots.crawlDelaySeconds * 1000, options.maxCrawlDelayMs ?? 5_000)
    : 0;
  const concurrency = delayMs > 0 ? 1 : Math.max(1, options.concurrency ?? 4);
  let active = 0;
  // Idle workers wait here until a page in flight finishes (it may have queued new links).
  let waiters: (() => void)[] = [];
  const waitForChange = () => new Promise<void>((resolve) => waiters.push(resolve));
  let percentShown = 0;
  const report = () => {
    const remaining = Math.min(options.maxPages, summary.fetched + queue.length + active);
    // The estimate grows as links are found; shown progress never goes backwards.
    percentShown = Math.max(
      percentShown,
      remaining === 0 ? 100 : Math.min(99, Math.floor((100 * summary.fetched) / remaining)),
    );
    const percent = queue.length === 0 && active === 0 ? 100 : percentShown;
    options.onProgress?.({
      fetched: summary.fetched,
      stored: summary.stored,
      skipped: summary.skippedCount,
      queued: queue.length,
      percent,
    });
  };

  const visit = async (url: string, depth: number) => {
    if (!robots.isAllowed(url)) return skip(url, 'robots');
    summary.fetched++;
    const outcome = await fetchFollowing(options.fetcher, url, start, robots, maxRedirects, seen);
    if ('skipped' in outcome)
      return outcome.skipped && skip(outcome.skipped.url, outcome.skipped.reason, outcome.skipped.detail);
    const { response, finalUrl } = outcome;
    if (response.status !== 200) return skip(finalUrl, 'http_error', String(response.status));
    const type = response.headers['content-type'] ?? '';
    if (type && !/text\/html|application\/xhtml\+xml/i.test(type))
      return skip(finalUrl, 'not_html', type.split(';')[0]);
    const page = extractPage(decodeHtml(response.body, type), finalUrl);
    if (depth < options.maxDepth) {
      for (const link of page.links) {
        if (seen.has(link) || !isSameSite(link, start) || !looksLikePage(link)) continue;
        seen.add(link);
        queue.push({ url: link, depth: depth + 1 });
      }
      summary.discovered = seen.size;
    }
    if (page.noindex) return skip(finalUrl, 'noindex');
    if (page.text.trim() === '') return skip(finalUrl, 'empty');
    await options.onPage({ ...page, url: finalUrl, depth });
    summary.stored++;
  };

  const worker = async () => {
    for (;;) {
      const next = summary.fetched + active < options.maxPages ? queue.shift() : undefined;
      if (!next) {
        if (active === 0) return;
        await waitForChange();
        continue;
      }
      active++;
      try {
        await visit(next.url, next.depth);
      } catch (error) {
        skip(next.url, 'network', (error as Error).message);
      } finally {
        active--;
        report();
        const notify = waiters;
        waiters = [];
        for (const resolve of notify) resolve();
      }
      if (delayMs > 0) await sleep(delayMs);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (queue.length > 0) summary.truncated = 'max_pages';
  report();
  return summary;
}

type FetchOutcome = { response: FetchedResponse; finalUrl: string } | { skipped: SkippedUrl | undefined };

/** Follows redirects one hop at a time: each hop must stay on the site, not loop, and be allowed by robots.txt. */
async function fetchFollowing(
  fetcher: PageFetcher,
  url: string,
  site: string,
  robots: Robots,
  maxRedirects: number,
  seen: Set<string>,
): Promise<FetchOutcome> {
  const chain = [url];
  let current = url;
  for (let hop = 0; ; hop++) {
    let response: FetchedResponse;
    try {
      response = await fetcher(current);
    } catch (error) {
      const reason = error instanceof FetchError && error.reason !== 'bad_url' ? error.reason : 'network';
      return { skipped: { url: current, reason, detail: (error as Error).message } };
    }
    const location = response.status >= 300 && response.status < 400 ? response.headers.location : undefined;
    if (!location) return { response, finalUrl: current };
    const next = normalizeUrl(location, current);
    if (!next) return { skipped: { url, reason: 'http_error', detail: `bad redirect to ${location}` } };
    if (!isSameSite(next, site)) return { skipped: { url, reason: 'off_site_redirect', detail: next } };
    if (chain.includes(next))
      return { skipped: { url, reason: 'redirect_loop', detail: [...chain, next].join(' → ') } };
    if (hop + 1 > maxRedirects)
      return { skipped: { url, reason: 'too_many_redirects', detail: `${maxRedirects} hops` } };
    if (!robots.isAllowed(next)) return { skipped: { url: next, reason: 'robots' } };
    // A redirect to a page crawled (or queued) already is not a second copy of it.
    if (seen.has(next) && next !== url) return { skipped: undefined };
    seen.add(next);
    chain.push(next);
    current = next;
  }
}

async function loadRobots(
  options: CrawlOptions,
  start: string,
  maxRedirects: number,
): Promise<{ robots: Robots; state: CrawlSummary['robots'] }> {
  const robotsUrl = new URL('/robots.txt', start).toString();
  const outcome = await fetchFollowing(options.fetcher, robotsUrl, start, ALLOW_ALL, maxRedirects, new Set());
  if ('skipped' in outcome) {
    if (outcome.skipped?.reason === 'blocked_address') {
      throw new CrawlRefusedError(outcome.skipped.detail ?? 'address not allowed', 'blocked_address');
    }
    // No answer from robots.txt: crawling anyway could hit what the site meant to forbid.
    return { robots: DISALLOW_ALL, state: 'unavailable' };
  }
  const { status, body } = outcome.response;
  if (status >= 200 && status < 300)
    return { robots: parseRobots(body.toString('utf8'), options.userAgent), state: 'ok' };
  if (status >= 400 && status < 500) return { robots: ALLOW_ALL, state: 'missing' };
  return { robots: DISALLOW_ALL, state: 'unavailable' };
}
