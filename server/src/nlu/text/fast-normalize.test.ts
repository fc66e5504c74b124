import { describe, expect, it } from 'vitest';
import { normalizeText } from './fast-normalize.ts';
import { normalize } from './normalize.ts';

describe('normalizeText (segmentation fast path)', () => {
  it('gives exactly what normalize() gives', () => {
    const samples = [
      '我要退貨，請問訂單號碼？',
      '  ＡＢＣ　１２３  hello   World ',
      '太差了😡 👨‍👩‍👧',
      'a\u0000b\u200bc\ud800d',
      'İstanbul',
      '已经是规范的文本 plain text',
      '',
      ' ',
    ];
    for (const s of samples) expect(normalizeText(s)).toBe(normalize(s).normalized);
  });

  it('returns the same string object when nothing changes', () => {
    const s = '我想退货 please';
    expect(normalizeText(s)).toBe(s);
  });

  it('truncates like normalize()', () => {
    const s = '退'.repeat(20);
    expect(normalizeText(s, 5)).toBe('退退退退退');
  });
});
