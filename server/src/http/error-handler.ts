import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../platform/errors.ts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
};

/** Turns anything thrown into the one error shape `{"error":{"code","message","details"}}`. Never leaks internals. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const issues = fastifyError.validation.map((v) => ({
      path: `${fastifyError.validationContext ?? 'body'}${v.instancePath || ''}`,
      message: v.message ?? 'invalid',
      code: v.keyword,
      ...(v.keyword === 'unrecognized_keys' ? { keys: (v.params as { keys?: string[] }).keys } : {}),
    }));
    const code: ErrorCode = issues.some((i) => i.code === 'unrecognized_keys')
      ? 'unknown_field'
      : issues.some((i) => i.message.includes('lone surrogate'))
        ? 'invalid_text'
        : issues.some((i) => i.code === 'too_big' && i.path.endsWith('/text'))
          ? 'text_too_long'
          : 'validation_failed';
    const first = issues[0];
    return new AppError(code, first ? `Invalid ${first.path}: ${first.message}` : 'Invalid request', {
      details: issues,
    });
  }
  const mapped = fastifyError?.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return new AppError(mapped, fastifyError.message);
  if (error instanceof SyntaxError && fastifyError.statusCode === 400)
    return new AppError('invalid_json', error.message);
  const status = fastifyError?.statusCode;
  if (status && status >= 400 && status < 500) return new AppError('bad_request', fastifyError.message, { status });
  return new AppError('internal', 'Internal server error', { cause: error });
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(error);
  if (appError.status >= 500) {
    request.log.error({ err: error, responseSerialization: isResponseSerializationError(error) }, 'request failed');
  }
  return reply.status(appError.status).send(appError.toJSON());
}
