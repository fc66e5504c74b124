import { z } from 'zod';

/** Message text: well-formed Unicode (no lone surrogates), at most 10,000 characters. */
export const MAX_TEXT_LENGTH = 10_000;

export const MessageText = z
  .string()
  .max(MAX_TEXT_LENGTH, `at most ${MAX_TEXT_LENGTH} characters`)
  .refine((s) => s.isWellFormed(), 'contains a lone surrogate (malformed Unicode)')
  .refine((s) => s.trim().length > 0, 'must not be empty');

/** A short human label (names, titles). */
export const Label = (max = 200) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => s.isWellFormed(), 'contains a lone surrogate (malformed Unicode)');

/** A prefixed id such as `conv_01j…`; anything else is refused before it reaches the database. */
export const IdOf = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-hjkmnp-tv-z]{26}$`), `must be a ${prefix}_… id`);

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** The error responses every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
} as const;
