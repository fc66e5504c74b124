// A small RFC 4180 CSV reader for evaluation and training files: UTF-8 (BOM tolerated), CRLF or LF, quoted fields
// with doubled quotes and embedded newlines. A malformed row never aborts the file: it is skipped and reported
// with its line number, so one broken quote costs one row, not the whole training set.

export interface CsvProblem {
  /** 1-based physical line where the row starts. */
  line: number;
  message: string;
}

export interface CsvTable {
  header: string[];
  /** Each row as column name → value (only the header's columns). */
  rows: Array<{ line: number; values: Record<string, string> }>;
  problems: CsvProblem[];
}

interface RawRow {
  line: number;
  fields: string[];
  error?: string;
}

/** Splits CSV text into rows of fields. A quote left open swallows at most the rest of its own line. */
function splitRows(text: string): RawRow[] {
  const rows: RawRow[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const startIndex = i;
    const fields: string[] = [];
    let field = '';
    let error: string | undefined;
    let quoted = false;
    let rowDone = false;
    while (!rowDone) {
      if (i >= n) {
        if (quoted) error = 'unterminated quoted field';
        fields.push(field);
        break;
      }
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
            const next = text[i];
            if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
              error = 'characters after a closing quote';
            }
          }
        } else {
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        continue;
      }
      if (ch === '"' && field.length === 0) {
        quoted = true;
        i++;
      } else if (ch === '"') {
        error = 'a quote inside an unquoted field';
        field += ch;
        i++;
      } else if (ch === ',') {
        fields.push(field);
        field = '';
        i++;
      } else if (ch === '\r' || ch === '\n') {
        fields.push(field);
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        rowDone = true;
      } else {
        field += ch;
        i++;
      }
    }
    if (error === 'unterminated quoted field') {
      // Re-read the row as if the quote were a literal, up to the end of its first line, and resume after it.
      const lineEnd = text.indexOf('\n', startIndex);
      rows.push({ line: startLine, fields: [], error });
      if (lineEnd < 0) break;
      i = lineEnd + 1;
      line = startLine + 1;
      continue;
    }
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) rows.push({ line: startLine, fields, ...(error ? { error } : {}) });
  }
  return rows;
}

/**
 * Parses a CSV file's text. `required` names the columns the caller needs; a missing one is a problem on line 1
 * and leaves `rows` empty.
 */
export function parseCsv(text: string, required: string[] = []): CsvTable {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const raw = splitRows(clean);
  const problems: CsvProblem[] = [];
  const headerRow = raw.shift();
  if (!headerRow) return { header: [], rows: [], problems: [{ line: 1, message: 'the file is empty' }] };
  const header = headerRow.fields.map((h) => h.trim().toLowerCase());
  const missing = required.filter((r) => !header.includes(r));
  if (missing.length > 0) {
    problems.push({ line: 1, message: `missing column(s): ${missing.join(', ')} (header: ${header.join(',')})` });
    return { header, rows: [], problems };
  }
  const rows: CsvTable['rows'] = [];
  for (const r of raw) {
    if (r.error) {
      problems.push({ line: r.line, message: `${r.error}; row skipped` });
      continue;
    }
    if (r.fields.length !== header.length) {
      problems.push({
        line: r.line,
        message: `expected ${header.length} fields, found ${r.fields.length}; row skipped`,
      });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((h, j) => {
      values[h] = r.fields[j] ?? '';
    });
    rows.push({ line: r.line, values });
  }
  return { header, rows, problems };
}
