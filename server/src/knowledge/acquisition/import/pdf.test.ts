import { describe, expect, it } from 'vitest';
import { pdfToText } from './pdf.ts';

/** A minimal, valid PDF with one page per text and a document title, built byte by byte (offsets computed). */
export function tinyPdf(pages: string[][], title = 'Refund policy'): Buffer {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  pages.forEach((lines, i) => {
    const stream = `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((l) => `(${l.replace(/[()\\]/g, (c) => `\\${c}`)}) Tj T*`).join(' ')} ET`;
    objects[4 + i * 2] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`;
    objects[5 + i * 2] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  });
  const infoId = objects.length;
  objects[infoId] = `<< /Title (${title}) >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info ${infoId} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('pdfToText', () => {
  it('reads the text of every page and the title', async () => {
    const pdf = tinyPdf([
      ['Refunds', 'Ask within 7 days of delivery.'],
      ['Shipping', 'Free above 99 yuan.'],
    ]);
    const { title, text } = await pdfToText(pdf);
    expect(title).toBe('Refund policy');
    expect(text).toContain('Ask within 7 days of delivery.');
    expect(text).toContain('Free above 99 yuan.');
    expect(text.indexOf('Refunds')).toBeLessThan(text.indexOf('Shipping'));
  });

  it('refuses bytes that are not a PDF', async () => {
    await expect(pdfToText(Buffer.from('not a pdf at all'))).rejects.toThrow();
  });
});
