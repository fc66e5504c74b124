import type { z } from 'zod';
import { AppError, type ErrorCode } from '../platform/errors.ts';

/**
 * Parses input that reaches a command without passing the HTTP edge (importers, the crawler, the demo seed), and
 * refuses it with the same codes the edge uses: unknown_field, invalid_text, validation_failed.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
    code: issue.code,
    ...(issue.code === 'unrecognized_keys' ? { keys: issue.keys } : {}),
  }));
  const code: ErrorCode = issues.some((i) => i.code === 'unrecognized_keys')
    ? 'unknown_field'
    : issues.some((i) => i.message.includes('lone surrogate'))
      ? 'invalid_text'
      : 'validation_failed';
  const first = issues[0];
  throw new AppError(code, first ? `Invalid ${first.path || 'input'}: ${first.message}` : 'Invalid input', {
    details: issues,
  });
}
