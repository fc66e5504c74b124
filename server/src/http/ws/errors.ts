import type { z } from 'zod';
import { AppError, type ErrorCode } from '../../platform/errors.ts';

/** The same codes HTTP gives for the same mistakes, so clients handle both alike. */
export function validationError(error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.join('/'), message: i.message, code: i.code }));
  const code: ErrorCode = issues.some((i) => i.code === 'unrecognized_keys')
    ? 'unknown_field'
    : issues.some((i) => i.message.includes('lone surrogate'))
      ? 'invalid_text'
      : issues.some((i) => i.code === 'too_big' && i.path === 'text')
        ? 'text_too_long'
        : 'validation_failed';
  const first = issues[0];
  return new AppError(code, first ? `Invalid ${first.path || 'message'}: ${first.message}` : 'Invalid message', {
    details: issues,
  });
}
