import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('keeps the starting line of records whose quoted cells span lines', () => {
    const text =
      '问题,答案\r\n"如何退款？","第一步：打开订单\n第二步：点击""申请退款"""\r\n运费,"满 99 元包邮, 偏远地区除外"\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['问题', '答案'] },
      { line: 2, cells: ['如何退款？', '第一步：打开订单\n第二步：点击"申请退款"'] },
      { line: 4, cells: ['运费', '满 99 元包邮, 偏远地区除外'] },
    ]);
  });

  it('guesses tab, semicolon and full-width comma delimiters', () => {
    expect(parseCsv('q\ta\nhello\tworld').map((r) => r.cells)).toEqual([
      ['q', 'a'],
      ['hello', 'world'],
    ]);
    expect(parseCsv('q;a\nx;y')[1]?.cells).toEqual(['x', 'y']);
    expect(parseCsv('问题，答案\n发票，可以开')[1]?.cells).toEqual(['发票', '可以开']);
  });

  it('keeps empty lines as empty rows so numbering stays true', () => {
    const rows = parseCsv('q,a\n\nx,y\n');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(rows[1]?.cells).toEqual(['']);
  });
});
