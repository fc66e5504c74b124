import type { Kysely } from 'kysely';
import { fromJson, toJson } from '../../platform/db/dialect.ts';
import type { Tables } from '../../platform/db/tables.ts';
import type { ImportFormat, RowProblem } from './import/types.ts';

/** Uploads being imported (module knowledge owns the table; see migrations/202611260200). */
export interface KbImportTable {
  id: string;
  workspace_id: string;
  file_name: string;
  format: string;
  size_bytes: number;
  content: Buffer | null;
  status: ImportStatus;
  skip_bad_rows: number;
  progress: number;
  encoding: string | null;
  total_entries: number;
  imported_count: number;
  problem_count: number;
  problems: string;
  article_ids: string;
  error: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    kb_imports: KbImportTable;
  }
}

type Executor = Kysely<Tables>;

export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportRecord {
  id: string;
  workspaceId: string;
  fileName: string;
  format: ImportFormat;
  sizeBytes: number;
  status: ImportStatus;
  skipBadRows: boolean;
  /** 0–100. */
  progress: number;
  encoding: string | null;
  totalEntries: number;
  importedCount: number;
  problemCount: number;
  /** The problems found, by line (the first MAX_KEPT_PROBLEMS). */
  problems: RowProblem[];
  /** The drafts created. */
  articleIds: string[];
  error: string | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export const MAX_KEPT_PROBLEMS = 1_000;

const COLUMNS = [
  'id',
  'workspace_id',
  'file_name',
  'format',
  'size_bytes',
  'status',
  'skip_bad_rows',
  'progress',
  'encoding',
  'total_entries',
  'imported_count',
  'problem_count',
  'problems',
  'article_ids',
  'error',
  'created_by',
  'created_at',
  'updated_at',
  'finished_at',
] as const;

function toImport(row: Omit<KbImportTable, 'content'>): ImportRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    fileName: row.file_name,
    format: row.format as ImportFormat,
    sizeBytes: Number(row.size_bytes),
    status: row.status,
    skipBadRows: row.skip_bad_rows === 1,
    progress: row.progress,
    encoding: row.encoding,
    totalEntries: row.total_entries,
    importedCount: row.imported_count,
    problemCount: row.problem_count,
    problems: fromJson<RowProblem[]>(row.problems, []),
    articleIds: fromJson<string[]>(row.article_ids, []),
    error: row.error,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

export async function insertImport(db: Executor, row: KbImportTable): Promise<ImportRecord> {
  await db.insertInto('kb_imports').values(row).execute();
  const { content: _content, ...rest } = row;
  return toImport(rest);
}

export async function findImport(db: Executor, workspaceId: string, importId: string) {
  const row = await db
    .selectFrom('kb_imports')
    .select(COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', importId)
    .executeTakeFirst();
  return row ? toImport(row) : undefined;
}

export async function readImportContent(db: Executor, workspaceId: string, importId: string) {
  const row = await db
    .selectFrom('kb_imports')
    .select('content')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', importId)
    .executeTakeFirst();
  return row?.content ? Buffer.from(row.content) : undefined;
}

export async function listImports(db: Executor, workspaceId: string, limit = 50) {
  const rows = await db
    .selectFrom('kb_imports')
    .select(COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .limit(Math.min(limit, 200))
    .execute();
  return rows.map(toImport);
}

/** Moves a queued import to running; undefined when another worker took it first (at-least-once delivery). */
export async function claimImport(db: Executor, workspaceId: string, importId: string, now: number) {
  const result = await db
    .updateTable('kb_imports')
    .set({ status: 'running', updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', importId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ImportOutcome {
  status: 'succeeded' | 'failed';
  encoding: string | null;
  totalEntries: number;
  importedCount: number;
  problems: RowProblem[];
  articleIds: string[];
  error: string | null;
  now: number;
}

/** Records how an import ended and drops the uploaded bytes (they are not kept once read). */
export async function finishImport(db: Executor, workspaceId: string, importId: string, outcome: ImportOutcome) {
  await db
    .updateTable('kb_imports')
    .set({
      status: outcome.status,
      progress: 100,
      encoding: outcome.encoding,
      total_entries: outcome.totalEntries,
      imported_count: outcome.importedCount,
      problem_count: outcome.problems.length,
      problems: toJson(outcome.problems.slice(0, MAX_KEPT_PROBLEMS)),
      article_ids: toJson(outcome.articleIds),
      error: outcome.error,
      content: null,
      updated_at: outcome.now,
      finished_at: outcome.now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', importId)
    .execute();
}
