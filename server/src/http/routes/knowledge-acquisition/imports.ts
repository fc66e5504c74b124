import { z } from 'zod';
import { createImport, importProgressKey } from '../../../knowledge/acquisition/commands/create-import.ts';
import { findImport, listImports } from '../../../knowledge/acquisition/import-store.ts';
import type { AcquisitionSettings } from '../../../knowledge/acquisition/settings.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { signedIn, workspaceOf } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { jobQueueOf } from './jobs.ts';
import { ImportParams, ImportUploadQuery, ImportView, presentImport, RowProblemView } from './schema.ts';

/** Room for the multipart envelope around the file. */
const ENVELOPE_BYTES = 64 * 1024;

/**
 * Imports: upload (multipart, field `file`; `?skipBadRows=true` imports the good rows of a file with bad ones),
 * status with progress, and the problems by line. An upload over the limit is refused with 413 payload_too_large
 * from its declared length, or while it streams in — never read whole first.
 */
export async function importRoutes(app: App, deps: AppDeps, settings: AcquisitionSettings): Promise<void> {
  const { ctx } = deps;
  const tags = ['knowledge acquisition'];
  const maxBytes = settings.importMaxBytes;
  const tooLarge = () =>
    new AppError('payload_too_large', `The file is larger than ${maxBytes} bytes`, { details: { maxBytes } });

  app.post(
    '/api/v1/kb/imports',
    {
      config: { policy: 'kb.imports.write' },
      schema: {
        tags,
        querystring: ImportUploadQuery,
        consumes: ['multipart/form-data'],
        response: { 202: ImportView, 413: z.unknown(), 415: z.unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > maxBytes + ENVELOPE_BYTES) {
        reply.header('connection', 'close');
        throw tooLarge();
      }
      if (!request.isMultipart()) {
        throw new AppError('unsupported_media_type', 'Upload the file as multipart/form-data in a field named "file"');
      }
      let fileName: string;
      let bytes: Buffer;
      try {
        const part = await request.file({
          throwFileSizeLimit: false,
          limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1_000, parts: 20 },
        });
        if (!part) throw new AppError('validation_failed', 'No file in the upload (field "file")');
        fileName = part.filename || 'upload';
        bytes = await readLimited(part.file, tooLarge);
      } catch (error) {
        // The rest of an oversized body is not read: the connection closes after the answer.
        if (error instanceof AppError && error.code === 'payload_too_large') reply.header('connection', 'close');
        throw uploadError(error, tooLarge);
      }
      const principal = signedIn(request);
      const record = await createImport(ctx, jobQueueOf(deps), {
        workspaceId: principal.workspaceId,
        fileName,
        bytes,
        skipBadRows: request.query.skipBadRows,
        createdBy: principal.kind === 'user' ? principal.userId : principal.kind === 'token' ? principal.tokenId : null,
        maxBytes,
      });
      return reply.status(202).send(presentImport(record));
    },
  );

  app.get(
    '/api/v1/kb/imports',
    {
      config: { policy: 'kb.imports.read' },
      schema: { tags, response: { 200: z.object({ imports: z.array(ImportView) }), ...errorResponses } },
    },
    async (request) => {
      const imports = await listImports(ctx.db, workspaceOf(request));
      return { imports: imports.map((r) => presentImport(r)) };
    },
  );

  app.get(
    '/api/v1/kb/imports/:importId',
    {
      config: { policy: 'kb.imports.read' },
      schema: { tags, params: ImportParams, response: { 200: ImportView, ...errorResponses } },
    },
    async (request) => {
      const record = await findImport(ctx.db, workspaceOf(request), request.params.importId);
      if (!record) throw notFound('Import');
      const live =
        record.status === 'running'
          ? await deps.infrastructure?.cache.get<number>(importProgressKey(record.id))
          : undefined;
      return presentImport(record, live);
    },
  );

  app.get(
    '/api/v1/kb/imports/:importId/problems',
    {
      config: { policy: 'kb.imports.read' },
      schema: {
        tags,
        params: ImportParams,
        response: {
          200: z.object({ problemCount: z.number().int(), problems: z.array(RowProblemView) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const record = await findImport(ctx.db, workspaceOf(request), request.params.importId);
      if (!record) throw notFound('Import');
      return { problemCount: record.problemCount, problems: record.problems };
    },
  );
}

/** Multipart failures as client errors: the size limit is a 413, a malformed or truncated body a 400. */
function uploadError(error: unknown, tooLarge: () => AppError): AppError {
  if (error instanceof AppError) return error;
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  if (code === 'FST_REQ_FILE_TOO_LARGE' || statusCode === 413) return tooLarge();
  return new AppError('bad_request', `The upload could not be read: ${(error as Error).message}`);
}

/**
 * Reads a file part, failing the moment the limit is crossed: the multipart helper's own toBuffer keeps reading to
 * the end of the body before it fails, and busboy only marks the part truncated and skips the rest.
 */
async function readLimited(
  file: AsyncIterable<Buffer> & {
    truncated?: boolean;
    once(event: 'limit', listener: () => void): unknown;
    destroy(error?: Error): unknown;
  },
  tooLarge: () => AppError,
): Promise<Buffer> {
  file.once('limit', () => file.destroy(tooLarge()));
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk);
  if (file.truncated) throw tooLarge();
  return Buffer.concat(chunks);
}
