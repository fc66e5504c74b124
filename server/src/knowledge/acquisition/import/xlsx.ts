import ExcelJS from 'exceljs';
import type { SheetRow } from './csv.ts';
import { isSafeZip } from './zip-guard.ts';

export interface Worksheet {
  name: string;
  rows: SheetRow[];
}

/**
 * Reads every worksheet as rows of text. Formulas give their cached results (what the author saw), merged cells give
 * the merged value to every row they cover (a category merged down a column applies to each question in it), rich
 * text and hyperlinks give their text, dates give `YYYY-MM-DD HH:mm` as shown.
 */
export async function readWorkbook(bytes: Uint8Array): Promise<Worksheet[]> {
  if (!isSafeZip(bytes)) throw new Error('not a readable .xlsx file, or it inflates to more than the allowed size');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  const sheets: Worksheet[] = [];
  workbook.eachSheet((sheet) => {
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value));
      rows.push({ line: rowNumber, cells });
    });
    sheets.push({ name: sheet.name, rows });
  });
  return sheets;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatDate(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result && typeof result === 'object' && 'error' in result) return '';
    return cellText(result ?? null);
  }
  if ('hyperlink' in value) return cellText((value as { text?: ExcelJS.CellValue }).text ?? '');
  if ('error' in value) return '';
  return '';
}

/** exceljs gives a sheet's wall-clock time as if it were UTC; keep it as the text the author typed. */
function formatDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time =
    date.getUTCHours() || date.getUTCMinutes() ? ` ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}` : '';
  return day + time;
}
