import { extname } from 'node:path';
import { parseCsv } from './csv.ts';
import { guessLanguage, titleFromFileName, titleFromText } from './document.ts';
import { docxToHtml } from './docx.ts';
import { decodeText } from './encoding.ts';
import { problem, readFaqTable } from './faq-table.ts';
import { readHtml } from './html-file.ts';
import { readMarkdown, validate } from './markdown.ts';
import { pdfToText } from './pdf.ts';
import type { ImportEntry, ImportFormat, ParsedImport, RowProblem } from './types.ts';
import { readWorkbook } from './xlsx.ts';

const EXTENSIONS: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.xlsx': 'xlsx',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
};

/** The format of an upload from its name, checked against its first bytes (a renamed file is caught here). */
export function importFormatOf(fileName: string, bytes: Uint8Array): ImportFormat | undefined {
  const byName = EXTENSIONS[extname(fileName).toLowerCase()];
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const pdf = Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
  if (byName === 'xlsx' || byName === 'docx') return zip ? byName : undefined;
  if (byName === 'pdf') return pdf ? 'pdf' : undefined;
  if (zip || pdf) return undefined;
  return byName;
}

export interface ParseImportOptions {
  utcOffsetMinutes?: number;
}

/** Reads an uploaded file into article inputs and the problems of its rows; never throws for a bad file. */
export async function parseImport(
  fileName: string,
  bytes: Uint8Array,
  options: ParseImportOptions = {},
): Promise<ParsedImport> {
  const format = importFormatOf(fileName, bytes);
  if (!format) {
    return {
      format: 'csv',
      encoding: null,
      entries: [],
      problems: [
        problem(
          1,
          null,
          'unreadable_file',
          'Unsupported file: use .csv, .xlsx, .md, .html, .docx or .pdf (the content must match the extension)',
          '不支持的文件：请使用 .csv、.xlsx、.md、.html、.docx 或 .pdf（内容须与扩展名一致）',
        ),
      ],
    };
  }
  try {
    return await parseAs(format, fileName, bytes, options);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      format,
      encoding: null,
      entries: [],
      problems: [problem(1, null, 'unreadable_file', `The file cannot be read: ${why}`, `无法读取文件：${why}`)],
    };
  }
}

async function parseAs(
  format: ImportFormat,
  fileName: string,
  bytes: Uint8Array,
  options: ParseImportOptions,
): Promise<ParsedImport> {
  switch (format) {
    case 'csv': {
      const { text, encoding } = decodeText(bytes);
      const delimiter = extname(fileName).toLowerCase() === '.tsv' ? '\t' : undefined;
      return { format, encoding, ...readFaqTable(parseCsv(text, { delimiter }), options) };
    }
    case 'xlsx':
      return { format, encoding: null, ...readSheets(await readWorkbook(bytes), options) };
    case 'markdown': {
      const { text, encoding } = decodeText(bytes);
      return { format, encoding, ...readMarkdown(text, fileName) };
    }
    case 'html': {
      const { text, encoding } = decodeText(bytes);
      return { format, encoding, ...readHtml(text, fileName) };
    }
    case 'docx':
      return { format, encoding: null, ...readHtml(await docxToHtml(bytes), fileName) };
    case 'pdf': {
      const { title, text } = await pdfToText(bytes);
      if (text.trim() === '') {
        return {
          format,
          encoding: null,
          entries: [],
          problems: [
            problem(
              1,
              null,
              'empty_file',
              'The PDF holds no text (a scan?); nothing to import',
              'PDF 中没有可提取的文字（可能是扫描件），无法导入',
            ),
          ],
        };
      }
      const entry: ImportEntry = {
        line: 1,
        input: {
          kind: 'document',
          language: guessLanguage(text),
          title: title ?? titleFromText(text, titleFromFileName(fileName)),
          body: text,
        },
        categoryPath: null,
      };
      return { format, encoding: null, ...validate([entry]) };
    }
  }
}

/** Every worksheet with a FAQ header is read; sheets without one (notes, lookups) are left alone. */
function readSheets(sheets: Awaited<ReturnType<typeof readWorkbook>>, options: ParseImportOptions) {
  const entries: ImportEntry[] = [];
  const problems: RowProblem[] = [];
  let readable = 0;
  let firstProblem: RowProblem | undefined;
  const named = sheets.length > 1;
  for (const sheet of sheets) {
    const result = readFaqTable(sheet.rows, options);
    const headerless =
      result.problems.length === 1 && ['missing_header', 'empty_file'].includes(result.problems[0]!.code);
    if (headerless) {
      firstProblem ??= { ...result.problems[0]!, ...(named ? { sheet: sheet.name } : {}) };
      continue;
    }
    readable++;
    entries.push(...result.entries.map((e) => (named ? { ...e, sheet: sheet.name } : e)));
    problems.push(...result.problems.map((p) => (named ? { ...p, sheet: sheet.name } : p)));
  }
  if (readable === 0 && firstProblem) problems.push(firstProblem);
  return { entries, problems };
}
