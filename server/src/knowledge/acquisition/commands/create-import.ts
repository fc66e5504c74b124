import type { ServiceContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { JobQueue } from '../../../platform/jobs/job-queue.ts';
import { importFormatOf } from '../import/parse-import.ts';
import { type ImportRecord, insertImport } from '../import-store.ts';

/** The job that reads an upload and writes its drafts (handler: workers/knowledge-acquisition.ts). */
export const IMPORT_JOB = 'kb.import';

/** Where the running import job puts its live progress (the cache), for the status route to read. */
export const importProgressKey = (importId: string) => `kb.import.progress:${importId}`;

export interface ImportJobPayload {
  workspaceId: string;
  importId: string;
}

export interface CreateImportOptions {
  workspaceId: string;
  fileName: string;
  bytes: Buffer;
  /** Import the good rows and report the bad ones, instead of importing nothing when a row is bad. */
  skipBadRows: boolean;
  /** The user (or token) whose drafts these become. */
  createdBy: string | null;
  /** Largest file accepted (the HTTP edge refuses larger ones while streaming; this guards other callers). */
  maxBytes: number;
}

/** Keeps the upload and queues its import (without a queue — the CLI — the caller runs runImport itself). */
export async function createImport(
  ctx: ServiceContext,
  jobs: JobQueue | undefined,
  options: CreateImportOptions,
): Promise<ImportRecord> {
  const { workspaceId, bytes } = options;
  if (bytes.length > options.maxBytes) {
    throw new AppError('payload_too_large', `The file is larger than ${options.maxBytes} bytes`, {
      details: { maxBytes: options.maxBytes },
    });
  }
  if (bytes.length === 0) throw new AppError('validation_failed', 'The file is empty');
  const fileName = options.fileName.replace(/[\p{Cc}/\\]/gu, '_').slice(0, 255) || 'upload';
  const format = importFormatOf(fileName, bytes);
  if (!format) {
    throw new AppError(
      'unsupported_media_type',
      'Use a .csv, .tsv, .xlsx, .md, .html, .docx or .pdf file whose content matches its extension',
      {
        details: { fileName },
      },
    );
  }
  const now = ctx.clock.now();
  const record = await insertImport(ctx.db, {
    id: newId('kbi'),
    workspace_id: workspaceId,
    file_name: fileName,
    format,
    size_bytes: bytes.length,
    content: bytes,
    status: 'queued',
    skip_bad_rows: options.skipBadRows ? 1 : 0,
    progress: 0,
    encoding: null,
    total_entries: 0,
    imported_count: 0,
    problem_count: 0,
    problems: '[]',
    article_ids: '[]',
    error: null,
    created_by: options.createdBy,
    created_at: now,
    updated_at: now,
    finished_at: null,
  });
  const payload: ImportJobPayload = { workspaceId, importId: record.id };
  await jobs?.enqueue(IMPORT_JOB, payload, { jobKey: `${IMPORT_JOB}:${record.id}`, maxAttempts: 3 });
  return record;
}
