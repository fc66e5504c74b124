/**
 * One error type for the whole server. Every error reaches a client as
 * `{"error":{"code","message","details"}}`; the code is stable and documented in docs/errors.md.
 */
export const ERROR_CODES = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  unknown_field: 400,
  text_too_long: 400,
  invalid_text: 400,
  /** Routing priority weights that are negative or sum to zero (nothing could be ranked). */
  invalid_routing_weights: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  token_invalid: 401,
  token_expired: 401,
  csrf_failed: 403,
  forbidden: 403,
  account_locked: 423,
  not_found: 404,
  conflict: 409,
  illegal_transition: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  system_paused: 503,
  not_ready: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AppErrorOptions {
  status?: number;
  details?: unknown;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? ERROR_CODES[code];
    this.details = options.details;
  }

  toJSON(): { error: { code: ErrorCode; message: string; details?: unknown } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);
export const forbidden = (why = 'You are not allowed to do this'): AppError => new AppError('forbidden', why);
