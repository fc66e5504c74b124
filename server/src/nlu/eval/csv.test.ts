import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads BOM, CRLF, quotes and embedded newlines', () => {
    const t = parseCsv('\ufefftext,intent\r\n"你好,世界",greet\r\n"say ""hi""\nthere",greet\r\n', ['text', 'intent']);
    expect(t.problems).toEqual([]);
    expect(t.rows.map((r) => r.values.text)).toEqual(['你好,世界', 'say "hi"\nthere']);
  });

  it('reports a missing column', () => {
    const t = parseCsv('text,label\na,b\n', ['text', 'intent']);
    expect(t.rows).toEqual([]);
    expect(t.problems[0]).toMatchObject({ line: 1 });
    expect(t.problems[0]?.message).toContain('intent');
  });

  it('skips a row with a broken quote or a wrong field count and names its line', () => {
    const t = parseCsv('text,intent\ngood,a\n"broken,a\nfine,b\nx,y,z\n', ['text', 'intent']);
    expect(t.rows.map((r) => r.values.text)).toEqual(['good', 'fine']);
    expect(t.problems.map((p) => p.line)).toEqual([3, 5]);
  });
});
