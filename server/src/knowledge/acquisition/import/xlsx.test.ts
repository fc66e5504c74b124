import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readFaqTable } from './faq-table.ts';
import { readWorkbook } from './xlsx.ts';

/** A sheet as teams keep them: a merged title row, a category merged down, empty rows, formulas, a shared answer. */
export async function messyWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('FAQ');
  sheet.getCell('A1').value = '灵犀商城常见问题汇总（2026 版）';
  sheet.mergeCells('A1:D1');
  sheet.getRow(2).values = ['分类', '问题', '相似问题', '答案'];
  sheet.getCell('A3').value = '售后/退款';
  sheet.mergeCells('A3:A4');
  sheet.getCell('B3').value = '如何申请退款？';
  sheet.getCell('C3').value = '怎么退款\n退钱怎么弄';
  sheet.getCell('D3').value = '在订单详情页点击“申请退款”。';
  sheet.getCell('B4').value = { richText: [{ text: '退款' }, { font: { bold: true }, text: '多久到账' }] };
  sheet.getCell('D4').value = '审核通过后 1-3 个工作日原路退回。';
  // rows 5 and 6 left empty
  sheet.getCell('A7').value = '物流';
  sheet.getCell('B7').value = { formula: '"运费"&"怎么算"', result: '运费怎么算' };
  sheet.getCell('D7').value = { formula: 'CONCATENATE("满 ",99," 元包邮")', result: '满 99 元包邮' };
  sheet.getCell('A8').value = '物流';
  sheet.getCell('B8').value = 'How long does delivery take?';
  sheet.getCell('D8').value = 'Usually 2-3 days.';
  sheet.mergeCells('D8:D9');
  sheet.getCell('A9').value = '物流';
  sheet.getCell('B9').value = 'When will my parcel arrive?';
  sheet.getCell('A10').value = '其他';
  sheet.getCell('B10').value = { formula: '1/0', result: { error: '#DIV/0!' } };
  sheet.getCell('D10').value = '公式出错的行';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('readWorkbook', () => {
  it('reads merged cells, rich text and cached formula results, and skips empty rows', async () => {
    const [sheet] = await readWorkbook(await messyWorkbook());
    expect(sheet?.name).toBe('FAQ');
    const byLine = new Map(sheet?.rows.map((r) => [r.line, r.cells]));
    expect([...byLine.keys()]).toEqual([1, 2, 3, 4, 7, 8, 9, 10]);
    expect(byLine.get(4)?.slice(0, 2)).toEqual(['售后/退款', '退款多久到账']);
    expect(byLine.get(7)?.[1]).toBe('运费怎么算');
    expect(byLine.get(7)?.[3]).toBe('满 99 元包邮');
    expect(byLine.get(9)?.[3]).toBe('Usually 2-3 days.');
    expect(byLine.get(10)?.[1]).toBe('');
  });

  it('becomes FAQ entries with the bad row reported by its row number', async () => {
    const [sheet] = await readWorkbook(await messyWorkbook());
    const { entries, problems } = readFaqTable(sheet!.rows);
    expect(entries.map((e) => [e.line, e.input.title, e.categoryPath])).toEqual([
      [3, '如何申请退款？', ['售后', '退款']],
      [4, '退款多久到账', ['售后', '退款']],
      [7, '运费怎么算', ['物流']],
      [8, 'How long does delivery take?', ['物流']],
      [9, 'When will my parcel arrive?', ['物流']],
    ]);
    expect(entries[0]?.input.alternates).toEqual(['怎么退款', '退钱怎么弄']);
    expect(entries[3]?.input.language).toBe('en');
    expect(entries[4]?.input.answer).toBe('<p>Usually 2-3 days.</p>');
    expect(problems).toEqual([expect.objectContaining({ line: 10, field: 'question', code: 'missing_question' })]);
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(readWorkbook(Buffer.from('问题,答案\n'))).rejects.toThrow(/xlsx/);
  });
});
