import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * All configuration, read from the environment once at start. Every field is documented here and in the README.
 */
const Roles = z.enum(['web', 'ws', 'worker', 'cron']);
export type ServerRole = z.infer<typeof Roles>;

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const ConfigSchema = z.object({
  /** LINGXI_PORT: HTTP port. */
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  /** LINGXI_HOST: interface to bind. */
  host: z.string().default('0.0.0.0'),
  /** LINGXI_DATA_DIR: where the embedded SQLite file, the generated secret and uploads live. */
  dataDir: z.string().default('./data'),
  /** LINGXI_DATABASE_URL: postgres://… to use PostgreSQL; unset means SQLite at <dataDir>/lingxi.db. */
  databaseUrl: z.string().optional(),
  /** LINGXI_REDIS_URL: redis://… to use Redis for the bus, jobs, cache, locks and rate limits (scale-out). */
  redisUrl: z.string().optional(),
  /** LINGXI_SECRET: key for signing visitor tokens and CSRF tokens (≥ 32 chars); generated into dataDir if unset. */
  secret: z.string().min(32).optional(),
  /** LINGXI_ADMIN_EMAIL / LINGXI_ADMIN_PASSWORD: the first admin of the demo workspace (password generated if unset). */
  adminEmail: z.string().email().default('admin@demo.lingxi.local'),
  adminPassword: z.string().min(10).optional(),
  /** LINGXI_DEMO: create the demo workspace on first start. */
  demo: boolFromEnv.default(true),
  /** LINGXI_ROLES: which roles this process runs (comma separated). */
  roles: z
    .string()
    .default('web,ws,worker,cron')
    .transform((s) => s.split(',').map((r) => r.trim()))
    .pipe(z.array(Roles).min(1)),
  /** LINGXI_LOG_LEVEL: pino level. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** LINGXI_COOKIE_SECURE: force the Secure flag on/off; by default on for https and for localhost. */
  cookieSecure: boolFromEnv.optional(),
  /** LINGXI_SESSION_IDLE_MINUTES / LINGXI_SESSION_MAX_HOURS: console session idle and absolute expiry. */
  sessionIdleMinutes: z.coerce.number().int().min(1).default(120),
  sessionMaxHours: z.coerce.number().int().min(1).default(24),
  /** LINGXI_LOGIN_MAX_FAILURES / LINGXI_LOCKOUT_MINUTES: lockout after repeated failed logins. */
  loginMaxFailures: z.coerce.number().int().min(1).default(5),
  lockoutMinutes: z.coerce.number().int().min(1).default(15),
  /** LINGXI_BODY_LIMIT_BYTES: largest accepted request body. */
  bodyLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** LINGXI_SMTP_URL: smtp(s)://user:pass@host:port for alert emails; unset means alerts go to the console and webhooks only. */
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\//)
    .optional(),
  /** LINGXI_ALERTS_FROM: the sender address of alert emails. */
  alertsFrom: z.string().default('Lingxi alerts <lingxi-alerts@localhost>'),
});

export type Config = z.infer<typeof ConfigSchema>;

const ENV_KEYS: Record<keyof Config, string> = {
  port: 'LINGXI_PORT',
  host: 'LINGXI_HOST',
  dataDir: 'LINGXI_DATA_DIR',
  databaseUrl: 'LINGXI_DATABASE_URL',
  redisUrl: 'LINGXI_REDIS_URL',
  secret: 'LINGXI_SECRET',
  adminEmail: 'LINGXI_ADMIN_EMAIL',
  adminPassword: 'LINGXI_ADMIN_PASSWORD',
  demo: 'LINGXI_DEMO',
  roles: 'LINGXI_ROLES',
  logLevel: 'LINGXI_LOG_LEVEL',
  cookieSecure: 'LINGXI_COOKIE_SECURE',
  sessionIdleMinutes: 'LINGXI_SESSION_IDLE_MINUTES',
  sessionMaxHours: 'LINGXI_SESSION_MAX_HOURS',
  loginMaxFailures: 'LINGXI_LOGIN_MAX_FAILURES',
  lockoutMinutes: 'LINGXI_LOCKOUT_MINUTES',
  bodyLimitBytes: 'LINGXI_BODY_LIMIT_BYTES',
  smtpUrl: 'LINGXI_SMTP_URL',
  alertsFrom: 'LINGXI_ALERTS_FROM',
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(ENV_KEYS)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[field] = value;
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${ENV_KEYS[i.path[0] as keyof Config] ?? i.path.join('.')}: ${i.message}`,
    );
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const config = { ...parsed.data, ...overrides };
  config.dataDir = isAbsolute(config.dataDir) ? config.dataDir : resolve(config.dataDir);
  return config;
}

export function sqliteFile(config: Config): string {
  return join(config.dataDir, 'lingxi.db');
}
