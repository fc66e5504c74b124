import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseImport } from './parse-import.ts';
import { tinyPdf } from './pdf.test.ts';
import { messyWorkbook } from './xlsx.test.ts';

const CSV = [
  '标准问题,相似问题,答案,分类,标签,渠道,生效时间,失效时间',
  '如何申请退款？,怎么退款|退钱,"在订单详情页点击""申请退款""。\n审核通过后原路退回。",售后/退款,退款、售后,web_widget,2026-11-01,2026-12-31',
  '发票怎么开,,下单时勾选开具发票。,财务,发票,,,',
  ',缺问题,有答案,,,,,',
  '运费多少,,,,,,,',
  '双十一活动,,满 300 减 50,活动,,,2026-11-11,2026-11-01',
  '如何申请退款？,,重复的问题,,,,,',
].join('\r\n');

describe('parseImport: CSV', () => {
  it('reads a GBK-encoded CSV exported from Chinese Excel', async () => {
    const parsed = await parseImport('常见问题.csv', iconv.encode(CSV, 'gbk'));
    expect(parsed.encoding).toBe('gb18030');
    expect(parsed.entries[0]).toMatchObject({
      line: 2,
      categoryPath: ['售后', '退款'],
      input: {
        kind: 'faq',
        language: 'zh',
        title: '如何申请退款？',
        alternates: ['怎么退款', '退钱'],
        answer: '<p>在订单详情页点击&#34;申请退款&#34;。<br>审核通过后原路退回。</p>',
        tags: ['退款', '售后'],
        channels: ['web_widget'],
        effectiveFrom: Date.UTC(2026, 9, 31, 16),
        effectiveTo: Date.UTC(2026, 11, 30, 16),
      },
    });
    expect(parsed.entries.map((e) => e.line)).toEqual([2, 4]);
  });

  it('reports every bad row by its line, with a code and both languages', async () => {
    const parsed = await parseImport('faq.csv', Buffer.from(CSV));
    expect(parsed.problems.map((p) => [p.line, p.code, p.field])).toEqual([
      [5, 'missing_question', 'question'],
      [6, 'missing_answer', 'answer'],
      [7, 'invalid_value', 'effectiveTo'],
      [8, 'duplicate_question', 'question'],
    ]);
    expect(parsed.problems[3]?.messageZh).toBe('与第 2 行的问题重复');
    expect(parsed.problems[3]?.message).toBe('The same question as line 2');
  });

  it('asks for a header when it finds none', async () => {
    const parsed = await parseImport('faq.csv', Buffer.from('foo,bar\n1,2\n'));
    expect(parsed.problems).toEqual([expect.objectContaining({ line: 1, code: 'missing_header' })]);
  });

  it('refuses a file whose content does not match its extension', async () => {
    const parsed = await parseImport('faq.xlsx', Buffer.from(CSV));
    expect(parsed.problems[0]?.code).toBe('unreadable_file');
    expect((await parseImport('faq.exe', Buffer.from('MZ'))).problems[0]?.code).toBe('unreadable_file');
  });
});

describe('parseImport: other formats', () => {
  it('reads an XLSX workbook', async () => {
    const parsed = await parseImport('faq.xlsx', await messyWorkbook());
    expect(parsed.format).toBe('xlsx');
    expect(parsed.entries).toHaveLength(5);
    expect(parsed.problems.map((p) => p.line)).toEqual([10]);
  });

  it('reads a Markdown FAQ of question headings, with the line of each question', async () => {
    const md =
      '# 售后常见问题\n\n## 如何申请退款？\n\n在**订单详情**页申请。\n\n## 退款多久到账？\n\n1-3 个工作日。<script>alert(1)</script>\n';
    const parsed = await parseImport('faq.md', Buffer.from(md));
    expect(parsed.entries.map((e) => [e.line, e.input.title, e.input.answer])).toEqual([
      [3, '如何申请退款？', '<p>在<strong>订单详情</strong>页申请。</p>'],
      [7, '退款多久到账？', '<p>1-3 个工作日。</p>'],
    ]);
  });

  it('reads Q:/A: lines and a plain Markdown document', async () => {
    const qa = await parseImport(
      'qa.md',
      Buffer.from(
        'Q: How do I reset my password?\nA: Use the "Forgot password" link.\n\n问：能开发票吗？\n答：可以。\n',
      ),
    );
    expect(qa.entries.map((e) => [e.line, e.input.language, e.input.title])).toEqual([
      [1, 'en', 'How do I reset my password?'],
      [4, 'zh', '能开发票吗？'],
    ]);
    const doc = await parseImport(
      '会员政策.md',
      Buffer.from('# 会员政策\n\n## 等级\n\n银卡、金卡。\n\n## 积分\n\n每消费 1 元积 1 分。\n'),
    );
    expect(doc.entries[0]?.input).toMatchObject({ kind: 'document', title: '会员政策', language: 'zh' });
    expect(doc.entries[0]?.input.body).toContain('## 积分');
  });

  it('sanitizes an HTML FAQ full of scripts and event handlers', async () => {
    const html = `<html><body onload="alert(1)"><h2 onclick="x()">如何退款？</h2><p onmouseover="steal()">点击<a href="javascript:alert(1)">这里</a>申请。</p><script>document.cookie</script><img src=x onerror=alert(1)><h2>运费怎么算？</h2><p style="color:red">满 99 包邮</p><iframe src="https://evil.example"></iframe></body></html>`;
    const parsed = await parseImport('faq.html', Buffer.from(html));
    expect(parsed.entries.map((e) => e.input.title)).toEqual(['如何退款？', '运费怎么算？']);
    const answers = parsed.entries.map((e) => e.input.answer).join('');
    expect(answers).not.toMatch(/script|onmouseover|onerror|javascript:|iframe|style=/i);
    expect(answers).toContain('满 99 包邮');
  });

  it('reads an HTML page without questions as one document', async () => {
    const parsed = await parseImport(
      'about.html',
      Buffer.from(
        '<html><head><title>关于我们</title></head><body><h1>关于我们</h1><p>灵犀成立于 2026 年。</p></body></html>',
      ),
    );
    expect(parsed.entries[0]?.input).toMatchObject({
      kind: 'document',
      title: '关于我们',
      body: '# 关于我们\n\n灵犀成立于 2026 年。',
    });
  });

  it('reads a .docx document', async () => {
    const parsed = await parseImport('退货政策.docx', await tinyDocx(['退货政策', '签收后 7 天内可无理由退货。']));
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries[0]?.input).toMatchObject({ kind: 'document', language: 'zh' });
    expect(parsed.entries[0]?.input.body).toContain('签收后 7 天内可无理由退货。');
  });

  it('reads a PDF as a document, and says so when a PDF has no text', async () => {
    const parsed = await parseImport('policy.pdf', tinyPdf([['Returns', 'Within 7 days.']]));
    expect(parsed.entries[0]?.input).toMatchObject({ kind: 'document', title: 'Refund policy', language: 'en' });
    const empty = await parseImport('scan.pdf', tinyPdf([[]]));
    expect(empty.problems[0]?.code).toBe('empty_file');
  });

  it('refuses a zip bomb disguised as a workbook', async () => {
    const zip = new JSZip();
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(1024 * 1024, 0x20));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    // Claim what a real bomb claims: gigabytes once inflated (patching the central directory is faster than deflating them).
    const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(0xfffffff0, central + 24);
    const parsed = await parseImport('bomb.xlsx', bomb);
    expect(parsed.problems[0]?.code).toBe('unreadable_file');
    expect(parsed.problems[0]?.message).toMatch(/inflates/);
  });
});

/** A minimal .docx: the parts Word needs for paragraphs of text. */
async function tinyDocx(paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}
