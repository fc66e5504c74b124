import { detectLanguage } from '../../../nlu/index.ts';
import { ArticleInput, type KbLanguage } from '../../schema.ts';
import type { SheetRow } from './csv.ts';
import { parseDateCell } from './date-cell.ts';
import { sanitizeImportedHtml } from './sanitize.ts';
import { looksLikeHtml, plainTextToHtml } from './text-html.ts';
import { type ImportEntry, MAX_IMPORT_ROWS, type RowProblem } from './types.ts';

/**
 * Turns the rows of a FAQ sheet (CSV or a worksheet) into article inputs. The header row names the columns, in
 * Chinese or English; it may sit below a title row, as it often does in sheets kept by hand.
 */
const COLUMNS = {
  question: ['question', 'standard question', 'title', 'q', '问题', '标准问题', '标准问', '问法', '标题'],
  alternates: [
    'alternates',
    'similar questions',
    'similar',
    'variants',
    '相似问题',
    '相似问法',
    '相似问',
    '扩展问',
    '扩展问题',
    '其他问法',
  ],
  answer: ['answer', 'a', 'reply', '答案', '回答', '标准答案', '答复', '回复'],
  category: ['category', 'categories', '分类', '类目', '类别', '目录'],
  tags: ['tags', 'tag', 'labels', '标签'],
  channels: ['channels', 'channel', '渠道'],
  language: ['language', 'lang', '语言'],
  effectiveFrom: ['effective from', 'effectivefrom', 'start', 'valid from', '生效时间', '生效日期', '开始时间'],
  effectiveTo: [
    'effective to',
    'effectiveto',
    'end',
    'valid to',
    'expires',
    '失效时间',
    '失效日期',
    '截止时间',
    '结束时间',
  ],
} as const;
type Column = keyof typeof COLUMNS;

const FIELD_NAMES: Record<string, [string, string]> = {
  title: ['question', '问题'],
  alternates: ['similar questions', '相似问题'],
  answer: ['answer', '答案'],
  tags: ['tags', '标签'],
  channels: ['channels', '渠道'],
  language: ['language', '语言'],
  effectiveFrom: ['effective from', '生效时间'],
  effectiveTo: ['effective to', '失效时间'],
};

/** "问题（必填）", "Question *", "similar_questions" → the bare name. */
const normalizeHeader = (cell: string) =>
  cell
    .toLowerCase()
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[*：:]/g, '')
    .replace(/[\s_]+/g, ' ')
    .trim();

function headerMap(cells: string[]): Map<Column, number> {
  const map = new Map<Column, number>();
  cells.forEach((cell, index) => {
    const name = normalizeHeader(cell);
    for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (!map.has(column) && names.includes(name)) map.set(column, index);
    }
  });
  return map;
}

export interface FaqTableOptions {
  /** Offset of the sheet's dates from UTC in minutes (480 = China Standard Time). */
  utcOffsetMinutes?: number;
}

export function readFaqTable(
  rows: SheetRow[],
  options: FaqTableOptions = {},
): { entries: ImportEntry[]; problems: RowProblem[] } {
  const filled = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const headerRow = filled.slice(0, 10).find((r) => {
    const map = headerMap(r.cells);
    return map.has('question') && map.has('answer');
  });
  if (!headerRow) {
    const line = filled[0]?.line ?? 1;
    return {
      entries: [],
      problems: [
        problem(
          line,
          null,
          filled.length === 0 ? 'empty_file' : 'missing_header',
          filled.length === 0
            ? 'The file holds no rows'
            : 'No header row naming a question column and an answer column (e.g. "问题", "答案" or "question", "answer")',
          filled.length === 0 ? '文件中没有数据行' : '找不到表头：需要包含“问题”和“答案”（或 question、answer）两列',
        ),
      ],
    };
  }
  const columns = headerMap(headerRow.cells);
  const body = filled.filter((r) => r.line > headerRow.line);
  if (body.length > MAX_IMPORT_ROWS) {
    return {
      entries: [],
      problems: [
        problem(
          body[MAX_IMPORT_ROWS]!.line,
          null,
          'too_many_rows',
          `At most ${MAX_IMPORT_ROWS} rows per import`,
          `每次导入最多 ${MAX_IMPORT_ROWS} 行`,
        ),
      ],
    };
  }
  const entries: ImportEntry[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const row of body) {
    const cell = (column: Column) => {
      const index = columns.get(column);
      return index === undefined ? '' : (row.cells[index] ?? '').trim();
    };
    const rowProblems: RowProblem[] = [];
    const question = cell('question');
    const answerText = cell('answer');
    if (question === '')
      rowProblems.push(problem(row.line, 'question', 'missing_question', 'The question is empty', '问题为空'));
    if (answerText === '')
      rowProblems.push(problem(row.line, 'answer', 'missing_answer', 'The answer is empty', '答案为空'));
    const language = readLanguage(cell('language'), question || answerText);
    if (language === undefined)
      rowProblems.push(
        problem(row.line, 'language', 'invalid_value', 'Language must be zh or en', '语言只能是 zh 或 en'),
      );
    const dates = (['effectiveFrom', 'effectiveTo'] as const).map((column) => {
      const text = cell(column);
      if (text === '') return null;
      const at = parseDateCell(text, options.utcOffsetMinutes ?? 480);
      if (at === undefined) {
        const [en, zh] = FIELD_NAMES[column]!;
        rowProblems.push(
          problem(
            row.line,
            column,
            'invalid_date',
            `${en}: "${text}" is not a date (use 2026-11-26 or 2026-11-26 08:00)`,
            `${zh}：“${text}”不是有效日期（例如 2026-11-26 或 2026-11-26 08:00）`,
          ),
        );
      }
      return at ?? null;
    });
    const duplicateOf = question ? seen.get(question.toLowerCase()) : undefined;
    if (duplicateOf !== undefined) {
      rowProblems.push(
        problem(
          row.line,
          'question',
          'duplicate_question',
          `The same question as line ${duplicateOf}`,
          `与第 ${duplicateOf} 行的问题重复`,
        ),
      );
    } else if (question) seen.set(question.toLowerCase(), row.line);
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    const input = {
      kind: 'faq' as const,
      language: language as KbLanguage,
      title: question,
      alternates: [...new Set(splitList(cell('alternates'), /\r?\n|[|；;]/))].filter((q) => q !== question),
      answer: looksLikeHtml(answerText) ? sanitizeImportedHtml(answerText) : plainTextToHtml(answerText),
      tags: [...new Set(splitList(cell('tags'), /[,，、;；|\s]+/))],
      channels: [...new Set(splitList(cell('channels'), /[,，、;；|\s]+/).map((c) => c.toLowerCase()))],
      effectiveFrom: dates[0] ?? null,
      effectiveTo: dates[1] ?? null,
    };
    const parsed = ArticleInput.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const [en, zh] = FIELD_NAMES[field] ?? [field, field];
        problems.push(
          problem(row.line, field || null, 'invalid_value', `${en}: ${issue.message}`, `${zh}：${issue.message}`),
        );
      }
      continue;
    }
    const category = cell('category');
    entries.push({ line: row.line, input, categoryPath: category ? splitList(category, /\s*[/>＞／]\s*/) : null });
  }
  return { entries, problems };
}

function readLanguage(text: string, sample: string): KbLanguage | undefined {
  const value = text.toLowerCase();
  if (value === '') return detectLanguage(sample) === 'en' ? 'en' : 'zh';
  if (['zh', 'zh-cn', 'cn', '中文', '简体中文', 'chinese'].includes(value)) return 'zh';
  if (['en', 'en-us', 'english', '英文', '英语'].includes(value)) return 'en';
  return undefined;
}

function splitList(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function problem(
  line: number,
  field: string | null,
  code: RowProblem['code'],
  message: string,
  messageZh: string,
): RowProblem {
  return { line, field, code, message, messageZh };
}
