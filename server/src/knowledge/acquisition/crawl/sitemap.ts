import { gunzipSync } from 'node:zlib';
import type { PageFetcher } from './fetch-page.ts';
import { isSameSite, normalizeUrl } from './url.ts';

/**
 * Sitemaps, bounded against sitemap bombs: a sitemap index may point at more indexes, each file may be huge or a
 * gzip that inflates without end. We stop at a nesting depth, a number of sitemap files, a byte size per file
 * (also after inflating), and a number of URLs — whichever comes first — and say which limit stopped us.
 */
export interface SitemapLimits {
  maxUrls: number;
  /** Sitemap files fetched in all. */
  maxSitemaps?: number;
  /** Index → index → urlset is depth 2. */
  maxDepth?: number;
  /** Per file, after decompression. */
  maxBytes?: number;
}

export interface SitemapResult {
  urls: string[];
  /** Which bound was reached, if any. */
  truncated: 'max_urls' | 'max_sitemaps' | 'max_depth' | 'max_bytes' | null;
  errors: { url: string; reason: string }[];
}

export function parseSitemapXml(xml: string): { kind: 'index' | 'urlset'; locs: string[] } {
  const kind = /<sitemapindex[\s>]/i.test(xml) ? 'index' : 'urlset';
  const locs: string[] = [];
  for (const match of xml.matchAll(/<loc>\s*(?:<!\[CDATA\[)?\s*([^<\]]+?)\s*(?:\]\]>)?\s*<\/loc>/gi)) {
    locs.push(unescapeXml(match[1]!));
  }
  return { kind, locs };
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

export async function collectSitemapUrls(
  fetcher: PageFetcher,
  sitemapUrl: string,
  limits: SitemapLimits,
): Promise<SitemapResult> {
  const maxSitemaps = limits.maxSitemaps ?? 50;
  const maxDepth = limits.maxDepth ?? 3;
  const maxBytes = limits.maxBytes ?? 10 * 1024 * 1024;
  const urls = new Set<string>();
  const seenSitemaps = new Set<string>();
  const errors: SitemapResult['errors'] = [];
  let truncated: SitemapResult['truncated'] = null;
  const queue: { url: string; depth: number }[] = [{ url: sitemapUrl, depth: 0 }];
  while (queue.length > 0) {
    const { url, depth } = queue.shift()!;
    if (seenSitemaps.has(url)) continue;
    if (seenSitemaps.size >= maxSitemaps) {
      truncated ??= 'max_sitemaps';
      break;
    }
    seenSitemaps.add(url);
    let xml: string;
    try {
      const response = await fetcher(url);
      if (response.status !== 200) {
        errors.push({ url, reason: `http_${response.status}` });
        continue;
      }
      const gz = response.body[0] === 0x1f && response.body[1] === 0x8b;
      xml = (gz ? gunzipSync(response.body, { maxOutputLength: maxBytes }) : response.body).toString('utf8');
      if (xml.length > maxBytes) throw new RangeError('too large');
    } catch (error) {
      const tooLarge = error instanceof RangeError || (error as { reason?: string }).reason === 'too_large';
      if (tooLarge) truncated ??= 'max_bytes';
      errors.push({ url, reason: tooLarge ? 'too_large' : (error as Error).message });
      continue;
    }
    const { kind, locs } = parseSitemapXml(xml);
    for (const loc of locs) {
      const normalized = normalizeUrl(loc, url);
      if (!normalized || !isSameSite(normalized, sitemapUrl)) continue;
      if (kind === 'index') {
        if (depth + 1 > maxDepth) {
          truncated ??= 'max_depth';
          continue;
        }
        queue.push({ url: normalized, depth: depth + 1 });
      } else {
        if (urls.size >= limits.maxUrls) {
          truncated ??= 'max_urls';
          break;
        }
        urls.add(normalized);
      }
    }
    if (urls.size >= limits.maxUrls && kind === 'urlset') {
      if (queue.length > 0) truncated ??= 'max_urls';
      break;
    }
  }
  return { urls: [...urls], truncated, errors };
}
