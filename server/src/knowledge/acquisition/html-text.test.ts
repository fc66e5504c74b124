import { describe, expect, it } from 'vitest';
import { htmlToText, parseDocument } from './html-text.ts';

describe('htmlToText', () => {
  it('keeps headings as # lines, lists, tables and paragraphs, and drops scripts', () => {
    const document = parseDocument(
      '<h1>退款政策</h1><p>收到商品后 <b>7 天内</b>可申请退款。</p><script>alert(1)</script><h2>流程</h2><ol><li>打开订单</li><li>点击<a href="/r">申请</a></li></ol><table><tr><th>会员</th><th>时限</th></tr><tr><td>普通</td><td>7 天</td></tr></table><p>Line one<br>line two</p>',
    );
    expect(htmlToText(document.body!)).toBe(
      '# 退款政策\n\n收到商品后 7 天内可申请退款。\n\n## 流程\n\n- 打开订单\n\n- 点击申请\n\n会员 | 时限\n\n普通 | 7 天\n\nLine one\nline two',
    );
  });
});
