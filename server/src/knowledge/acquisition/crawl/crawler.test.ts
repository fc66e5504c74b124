import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrawledPage, type CrawlOptions, type CrawlProgress, CrawlRefusedError, crawlSite } from './crawler.ts';
import { createHttpFetcher } from './fetch-page.ts';
import { startTestSite, type TestSite } from './testing/test-site.ts';

const USER_AGENT = 'LingxiBot/1.0';

describe('crawlSite against a local test site', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite({ pages: 60 });
  });
  afterAll(async () => {
    await site.close();
  });

  const crawl = async (overrides: Partial<CrawlOptions> = {}) => {
    const pages: CrawledPage[] = [];
    const progress: CrawlProgress[] = [];
    const summary = await crawlSite({
      startUrl: site.url,
      maxDepth: 3,
      maxPages: 500,
      userAgent: USER_AGENT,
      // Tests allow loopback explicitly: the site runs on 127.0.0.1.
      fetcher: createHttpFetcher({ policy: { allow: ['loopback'] }, userAgent: USER_AGENT }),
      onPage: async (page) => {
        pages.push(page);
      },
      onProgress: (p) => progress.push(p),
      ...overrides,
    });
    return { summary, pages, progress };
  };

  it('crawls the whole site, same site only, respecting robots.txt', async () => {
    site.hits.clear();
    const { summary, pages, progress } = await crawl();
    const urls = pages.map((p) => p.url.replace(site.url, ''));
    for (let n = 0; n < 60; n++) expect(urls).toContain(`/page/${n}`);
    expect(urls).toContain('/');
    expect(urls).toContain('/gbk');
    expect(new Set(urls).size).toBe(urls.length);
    expect(site.hits.has('/private/admin')).toBe(false);
    expect(summary.robots).toBe('ok');
    const reasons = Object.fromEntries(summary.skipped.map((s) => [s.url.replace(site.url, ''), s.reason]));
    expect(reasons).toMatchObject({
      '/private/admin': 'robots',
      '/redirect/offsite': 'off_site_redirect',
      '/redirect/loop-a': 'redirect_loop',
      '/missing': 'http_error',
    });
    expect(urls).not.toContain('/files/guide.pdf');
    expect(site.hits.has('/files/guide.pdf')).toBe(false);
    const gbk = pages.find((p) => p.url.endsWith('/gbk'));
    expect(gbk?.text).toContain('每消费 1 元积 1 分');
    const article = pages.find((p) => p.url.endsWith('/page/7'));
    expect(article?.text).toContain('第 7 篇说明');
    expect(article?.text).not.toContain('合作伙伴');
    expect(progress.at(-1)?.percent).toBe(100);
    expect(progress.map((p) => p.fetched)).toEqual([...progress.map((p) => p.fetched)].sort((a, b) => a - b));
  });

  it('stops at the page limit and at the depth limit', async () => {
    const limited = await crawl({ maxPages: 10 });
    expect(limited.summary.fetched).toBe(10);
    expect(limited.summary.truncated).toBe('max_pages');
    const shallow = await crawl({ maxDepth: 0 });
    expect(shallow.pages.map((p) => p.url)).toEqual([`${site.url}/`]);
    const oneHop = await crawl({ maxDepth: 1 });
    expect(oneHop.pages.some((p) => p.url.includes('/section/'))).toBe(true);
    expect(oneHop.pages.some((p) => p.url.includes('/page/1'))).toBe(false);
  });

  it('seeds from a sitemap', async () => {
    const { pages } = await crawl({ sitemapUrl: '/sitemap.xml', maxDepth: 0 });
    expect(pages.filter((p) => p.url.includes('/page/')).length).toBe(60);
  });

  it('survives a sitemap bomb', async () => {
    site.hits.clear();
    const started = Date.now();
    const { summary } = await crawl({
      startUrl: `${site.url}/page/1`,
      sitemapUrl: '/bomb/0.xml',
      maxDepth: 0,
      maxPages: 5,
    });
    expect(summary.sitemap).not.toBeNull();
    const bombFetches = [...site.hits.entries()].filter(([p]) => p.startsWith('/bomb/')).reduce((n, [, c]) => n + c, 0);
    expect(bombFetches).toBeLessThanOrEqual(50);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses loopback when configuration does not allow it (SSRF guard)', async () => {
    const strict = createHttpFetcher({ policy: { allow: [] }, userAgent: USER_AGENT });
    await expect(crawl({ fetcher: strict })).rejects.toBeInstanceOf(CrawlRefusedError);
    await expect(crawl({ fetcher: strict, startUrl: 'http://localhost:1/' })).rejects.toMatchObject({
      reason: 'blocked_address',
    });
    await expect(
      crawl({ fetcher: strict, startUrl: 'http://169.254.169.254/latest/meta-data/' }),
    ).rejects.toMatchObject({ reason: 'blocked_address' });
  });
});
