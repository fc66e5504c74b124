import { z } from 'zod';
import { ADDRESS_CLASSES, type AllowedPrivateClass } from './crawl/address-guard.ts';

/**
 * Knowledge acquisition settings, read from the environment (documented in the README's configuration table):
 *
 * - LINGXI_KB_IMPORT_MAX_BYTES: largest import upload (default 20 MB); a larger one is refused with 413
 *   `payload_too_large` while it streams in, before it is read whole.
 * - LINGXI_CRAWL_ALLOW: address classes besides the public internet that crawls may reach, comma separated:
 *   `loopback`, `private`, `link_local`. Default none: the SSRF guard refuses them all.
 * - LINGXI_CRAWL_USER_AGENT: how the crawler introduces itself (robots.txt groups are matched on it).
 * - LINGXI_KB_UTC_OFFSET_MINUTES: the zone of dates in imported sheets and of crawl schedules (default 480, UTC+8).
 */
const allowable = ADDRESS_CLASSES.filter((c) => c !== 'public' && c !== 'reserved') as AllowedPrivateClass[];

export const AcquisitionSettings = z.object({
  importMaxBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  crawlAllow: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(allowable as [AllowedPrivateClass, ...AllowedPrivateClass[]]))),
  crawlUserAgent: z.string().min(3).default('LingxiBot/1.0 (+https://lingxi.dev/bot)'),
  utcOffsetMinutes: z.coerce.number().int().min(-720).max(840).default(480),
});
export type AcquisitionSettings = z.output<typeof AcquisitionSettings>;

const ENV: Record<keyof AcquisitionSettings, string> = {
  importMaxBytes: 'LINGXI_KB_IMPORT_MAX_BYTES',
  crawlAllow: 'LINGXI_CRAWL_ALLOW',
  crawlUserAgent: 'LINGXI_CRAWL_USER_AGENT',
  utcOffsetMinutes: 'LINGXI_KB_UTC_OFFSET_MINUTES',
};

export function loadAcquisitionSettings(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<AcquisitionSettings> = {},
): AcquisitionSettings {
  const raw: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(ENV)) if (env[key]) raw[field] = env[key];
  const parsed = AcquisitionSettings.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${ENV[i.path[0] as keyof AcquisitionSettings] ?? i.path.join('.')}: ${i.message}`,
    );
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return { ...parsed.data, ...overrides };
}
