/**
 * RFC 4180 CSV (and TSV) reading that keeps the line number where each record starts, so a bad row is reported
 * as "line 17" even when an earlier answer spans several lines inside quotes.
 */
export interface SheetRow {
  /** 1-based line (CSV) or row number (spreadsheet) where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvOptions {
  /** Default: guessed from the first line (tab, comma, semicolon, or the Chinese full-width comma). */
  delimiter?: string;
}

export function parseCsv(text: string, options: CsvOptions = {}): SheetRow[] {
  const delimiter = options.delimiter ?? guessDelimiter(text);
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowStart = 1;
  let quoted = false;
  let atCellStart = true;
  const endRow = () => {
    cells.push(cell);
    rows.push({ line: rowStart, cells });
    cells = [];
    cell = '';
    atCellStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowStart = line;
    } else {
      cell += ch;
      atCellStart = false;
    }
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let bestCount = 0;
  for (const candidate of ['\t', ',', ';', '，']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}
