import { z } from 'zod';
import { parseCron } from '../../platform/jobs/cron.ts';
import { CategoryId, Line } from '../schema.ts';
import { isSameSite, normalizeUrl } from './crawl/url.ts';

/** The vocabulary of acquisition shared by commands and the HTTP edge. */
const HttpUrl = z
  .string()
  .trim()
  .max(2_048)
  .refine((s) => normalizeUrl(s) !== undefined, 'must be an http(s) URL without credentials');

const Cron = z
  .string()
  .trim()
  .max(100)
  .refine((s) => {
    try {
      parseCron(s);
      return true;
    } catch {
      return false;
    }
  }, 'must be a five-field cron expression, e.g. "0 3 * * *"');

export const MAX_CRAWL_PAGES = 5_000;
export const MAX_CRAWL_DEPTH = 10;

const sourceShape = {
  name: Line(100),
  startUrl: HttpUrl,
  /** A sitemap on the same site whose URLs seed the crawl. */
  sitemapUrl: HttpUrl.nullable(),
  maxDepth: z.number().int().min(0).max(MAX_CRAWL_DEPTH),
  maxPages: z.number().int().min(1).max(MAX_CRAWL_PAGES),
  /** When to re-sync (cron, in the configured zone); null for manual runs only. */
  schedule: Cron.nullable(),
  /** Where the drafts made from this site's pages go. */
  categoryId: CategoryId.nullable(),
  enabled: z.boolean(),
};

function sameSiteSitemap(value: { startUrl?: string; sitemapUrl?: string | null }, context: z.RefinementCtx): void {
  if (!value.startUrl || !value.sitemapUrl) return;
  const start = normalizeUrl(value.startUrl);
  const sitemap = normalizeUrl(value.sitemapUrl);
  if (start && sitemap && !isSameSite(start, sitemap)) {
    context.addIssue({ code: 'custom', path: ['sitemapUrl'], message: 'must be on the same site as startUrl' });
  }
}

export const CrawlSourceInput = z
  .strictObject({
    ...sourceShape,
    sitemapUrl: sourceShape.sitemapUrl.default(null),
    maxDepth: sourceShape.maxDepth.default(3),
    maxPages: sourceShape.maxPages.default(200),
    schedule: sourceShape.schedule.default(null),
    categoryId: sourceShape.categoryId.default(null),
    enabled: sourceShape.enabled.default(true),
  })
  .superRefine(sameSiteSitemap);
export type CrawlSourceInput = z.input<typeof CrawlSourceInput>;

export const CrawlSourcePatch = z.strictObject({
  name: sourceShape.name.optional(),
  sitemapUrl: sourceShape.sitemapUrl.optional(),
  maxDepth: sourceShape.maxDepth.optional(),
  maxPages: sourceShape.maxPages.optional(),
  schedule: sourceShape.schedule.optional(),
  categoryId: sourceShape.categoryId.optional(),
  enabled: sourceShape.enabled.optional(),
});
export type CrawlSourcePatch = z.input<typeof CrawlSourcePatch>;

/** The next run of a schedule after `now`, or null for a source without one (or disabled). */
export function nextRunOf(
  schedule: string | null,
  enabled: boolean,
  now: number,
  utcOffsetMinutes: number,
): number | null {
  if (!schedule || !enabled) return null;
  return parseCron(schedule, utcOffsetMinutes).next(now);
}
