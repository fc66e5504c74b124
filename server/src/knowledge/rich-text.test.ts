import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeAnswer, sanitizedAnswerToText } from './rich-text.ts';

/** Payloads from the usual XSS cheat sheets: each must come out inert whatever it hides in. */
const XSS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="java&#x09;script:alert(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<a href="//evil.example">x</a>',
  '<svg onload=alert(1)>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<p style="color:red;background:url(javascript:alert(1))">x</p>',
  '<div style="width:expression(alert(1))">x</div>',
  '<style>@import "//evil.example/x.css";</style>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<form action="//evil.example"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=//evil.example">',
  '<base href="//evil.example/">',
  '<details open ontoggle=alert(1)>x</details>',
  '<p onclick="alert(1)" onmouseover=alert(1)>x</p>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<img src=x:alert(alt) onerror=eval(src) alt=0>',
];

const DANGER =
  /<(script|svg|iframe|object|embed|form|meta|base|style|math|noscript|details|button)\b|\son[a-z]+\s*=|javascript:|data:|expression\(|style=|srcdoc|xlink:|href="\/\//i;

describe('sanitizeAnswer', () => {
  it.each(XSS)('neutralizes %s', (payload) => {
    const clean = sanitizeAnswer(`<p>退款说明</p>${payload}`);
    expect(clean).toContain('<p>退款说明</p>');
    expect(clean).not.toMatch(DANGER);
    expect(sanitizeAnswer(clean)).toBe(clean);
  });

  it('keeps the formatting an answer needs, and hardens links', () => {
    const html =
      '<h3>运费</h3><p>满 <strong>99</strong> 元<em>包邮</em>。</p><ul><li>一</li><li>二</li></ul>' +
      '<table><tr><td colspan="2">表</td></tr></table><img src="https://cdn.example/a.png" alt="图">' +
      '<a href="https://shop.example/help" title="帮助">帮助</a><a href="tel:4008001234">电话</a>';
    const clean = sanitizeAnswer(html);
    expect(clean).toContain('<h3>运费</h3>');
    expect(clean).toContain('<strong>99</strong>');
    expect(clean).toContain('<td colspan="2">表</td>');
    expect(clean).toContain('<img src="https://cdn.example/a.png" alt="图" />');
    expect(clean).toContain(
      '<a href="https://shop.example/help" title="帮助" rel="noopener noreferrer nofollow" target="_blank">帮助</a>',
    );
    expect(clean).toContain('href="tel:4008001234"');
  });

  it('turns plain text with markup characters into safe text', () => {
    expect(sanitizeAnswer('1 < 2 & 3 > 2')).toBe('1 &lt; 2 &amp; 3 &gt; 2');
  });
});

describe('htmlToText', () => {
  it('keeps the words and line structure, drops markup and scripts', () => {
    expect(htmlToText('<p>审核通过后 <b>1-3 个工作日</b>退回。</p><ul><li>A &amp; B</li><li>C</li></ul>')).toBe(
      '审核通过后 1-3 个工作日退回。\nA & B\nC',
    );
    expect(htmlToText('<script>alert(1)</script><p>ok</p>')).toBe('ok');
  });
});

describe('sanitizedAnswerToText', () => {
  it('gives the same text as htmlToText for sanitized answers', () => {
    const answers = [
      '<p>审核通过后 <b>1-3 个工作日</b>退回。</p><ul><li>A &amp; B</li><li>1 &lt; 2</li></ul>',
      sanitizeAnswer('<h3>运费</h3><p>满 99 元包邮&nbsp;&#x4e2d;&#20013;</p><br><a href="https://x.example">链接</a>'),
      sanitizeAnswer('<p>x</p><script>alert(1)</script><img src=x onerror=alert(1)>'),
    ];
    for (const answer of answers) expect(sanitizedAnswerToText(answer)).toBe(htmlToText(answer));
  });
});
