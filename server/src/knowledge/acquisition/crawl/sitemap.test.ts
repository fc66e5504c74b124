import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { FetchedResponse, PageFetcher } from './fetch-page.ts';
import { collectSitemapUrls, parseSitemapXml } from './sitemap.ts';

const urlset = (locs: string[]) =>
  `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<url><loc>${l}</loc></url>`).join('')}</urlset>`;
const index = (locs: string[]) =>
  `<sitemapindex>${locs.map((l) => `<sitemap><loc>${l}</loc></sitemap>`).join('')}</sitemapindex>`;

function fakeFetcher(files: Record<string, string | Buffer>, fetched: string[] = []): PageFetcher {
  return async (url) => {
    fetched.push(url);
    const body = files[url];
    const response: FetchedResponse = {
      url,
      status: body === undefined ? 404 : 200,
      headers: {},
      body: Buffer.from(body ?? ''),
    };
    return response;
  };
}

const SITE = 'https://help.example.com';

describe('sitemaps', () => {
  it('parses url sets and indexes, with entities and CDATA', () => {
    expect(parseSitemapXml(urlset([`${SITE}/a?x=1&amp;y=2`, `<![CDATA[${SITE}/退款]]>`])).locs).toEqual([
      `${SITE}/a?x=1&y=2`,
      `${SITE}/退款`,
    ]);
    expect(parseSitemapXml(index([`${SITE}/s1.xml`])).kind).toBe('index');
  });

  it('follows an index to its url sets and keeps same-site URLs only', async () => {
    const fetcher = fakeFetcher({
      [`${SITE}/sitemap.xml`]: index([`${SITE}/s1.xml`, `${SITE}/s2.xml.gz`, 'https://evil.example/s.xml']),
      [`${SITE}/s1.xml`]: urlset([`${SITE}/faq/1`, 'https://other.example/x']),
      [`${SITE}/s2.xml.gz`]: gzipSync(urlset([`${SITE}/faq/2`])),
    });
    const result = await collectSitemapUrls(fetcher, `${SITE}/sitemap.xml`, { maxUrls: 100 });
    expect(result).toEqual({ urls: [`${SITE}/faq/1`, `${SITE}/faq/2`], truncated: null, errors: [] });
  });

  it('stops a sitemap bomb: endless nested indexes, thousands of files, a huge gzip, millions of URLs', async () => {
    const nested: Record<string, string | Buffer> = {};
    for (let i = 0; i < 100; i++)
      nested[`${SITE}/n${i}.xml`] = index([`${SITE}/n${i + 1}.xml`, `${SITE}/n${i + 1}.xml`]);
    const fetched: string[] = [];
    const deep = await collectSitemapUrls(fakeFetcher(nested, fetched), `${SITE}/n0.xml`, {
      maxUrls: 1000,
      maxDepth: 3,
    });
    expect(deep.truncated).toBe('max_depth');
    expect(fetched.length).toBe(4);

    const wide: Record<string, string> = {
      [`${SITE}/sitemap.xml`]: index(Array.from({ length: 5000 }, (_, i) => `${SITE}/w${i}.xml`)),
    };
    for (let i = 0; i < 5000; i++) wide[`${SITE}/w${i}.xml`] = urlset([`${SITE}/p${i}`]);
    const manyFiles: string[] = [];
    const broad = await collectSitemapUrls(fakeFetcher(wide, manyFiles), `${SITE}/sitemap.xml`, {
      maxUrls: 10_000,
      maxSitemaps: 20,
    });
    expect(broad.truncated).toBe('max_sitemaps');
    expect(manyFiles.length).toBe(20);

    const huge = gzipSync(Buffer.alloc(50 * 1024 * 1024, ' '));
    const big = await collectSitemapUrls(fakeFetcher({ [`${SITE}/big.xml.gz`]: huge }), `${SITE}/big.xml.gz`, {
      maxUrls: 10,
      maxBytes: 1024 * 1024,
    });
    expect(big.truncated).toBe('max_bytes');

    const million = urlset(Array.from({ length: 200_000 }, (_, i) => `${SITE}/m${i}`));
    const many = await collectSitemapUrls(fakeFetcher({ [`${SITE}/m.xml`]: million }), `${SITE}/m.xml`, {
      maxUrls: 500,
      maxBytes: 50 * 1024 * 1024,
    });
    expect(many.urls).toHaveLength(500);
    expect(many.truncated).toBe('max_urls');
  });
});
