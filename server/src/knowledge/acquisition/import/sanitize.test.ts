import { describe, expect, it } from 'vitest';
import { sanitizeImportedHtml } from './sanitize.ts';

/** A list of classic XSS payloads (after the OWASP filter-evasion cheat sheet). */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="  javascript:alert(1)">点我</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<svg/onload=alert(1)>',
  '<body onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<div style="background-image: url(javascript:alert(1))">x</div>',
  '<p onclick="alert(1)" onmouseover="alert(2)">文本</p>',
  '<<SCRIPT>alert("XSS");//<</SCRIPT>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<img src="x` `<script>alert(1)</script>"` `>',
  '<a href="//evil.example/">protocol-relative</a>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<style>@import "javascript:alert(1)";</style>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '"><script>alert(document.cookie)</script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
];

describe('sanitizeImportedHtml', () => {
  it.each(PAYLOADS)('leaves nothing executable in %s', (payload) => {
    const clean = sanitizeImportedHtml(`<p>退款说明</p>${payload}`);
    expect(clean).not.toMatch(/<script|<iframe|<object|<embed|<svg|<style|<form|<meta|<base|<link|<details|<video/i);
    expect(clean).not.toMatch(/\son[a-z]+\s*=/i);
    expect(clean).not.toMatch(/javascript:|data:|vbscript:/i);
    expect(clean).not.toMatch(/style=/i);
    expect(clean).not.toMatch(/href="\/\//);
    expect(clean).toContain('<p>退款说明</p>');
  });

  it('keeps formatting, lists, tables and safe links', () => {
    const html =
      '<h2>退款流程</h2><ol><li><strong>打开</strong>订单</li></ol><table><tr><td colspan="2">满 99 包邮</td></tr></table><a href="https://help.example.com/refund" target="_blank">详情</a>';
    const clean = sanitizeImportedHtml(html);
    expect(clean).toContain('<h2>退款流程</h2>');
    expect(clean).toContain('<ol><li><strong>打开</strong>订单</li></ol>');
    expect(clean).toContain('<td colspan="2">满 99 包邮</td>');
    expect(clean).toContain('<a href="https://help.example.com/refund" rel="noopener noreferrer nofollow">详情</a>');
  });
});
