import type { ArticleInput } from '../../schema.ts';

export const IMPORT_FORMATS = ['csv', 'xlsx', 'markdown', 'html', 'docx', 'pdf'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One article the file asks for, with the line (row) it came from so that problems point at it. */
export interface ImportEntry {
  line: number;
  sheet?: string;
  input: ArticleInput;
  /** A category named in the sheet ("售后/退款"), resolved against the tree when the import is written. */
  categoryPath: string[] | null;
}

export const PROBLEM_CODES = [
  'missing_header',
  'missing_question',
  'missing_answer',
  'invalid_value',
  'duplicate_question',
  'invalid_date',
  'unreadable_file',
  'empty_file',
  'too_many_rows',
  'unknown_category',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** What is wrong with one row: a stable code for the console, and the explanation in both languages. */
export interface RowProblem {
  line: number;
  /** The worksheet, in a workbook of several. */
  sheet?: string;
  field: string | null;
  code: ProblemCode;
  message: string;
  messageZh: string;
}

export interface ParsedImport {
  format: ImportFormat;
  /** The text encoding detected (text formats only). */
  encoding: string | null;
  entries: ImportEntry[];
  problems: RowProblem[];
}

/** Most rows one import may hold: a larger sheet is split by its owner, not half-imported by us. */
export const MAX_IMPORT_ROWS = 20_000;
