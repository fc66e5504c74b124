import { type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger };

/** Secrets and personal data never reach the log. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.passwordHash',
  '*.tokenHash',
];

export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? 'info',
    name: options.name ?? 'lingxi',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return pino(config);
}
