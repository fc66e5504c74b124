import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { toSimplifiedAligned } from './chinese-script.ts';

describe('toSimplifiedAligned', () => {
  const opencc = OpenCC.Converter({ from: 't', to: 'cn' });

  it('gives what OpenCC gives, for plain and phrase-sensitive characters', () => {
    for (const text of [
      '我要退貨，請問訂單號碼',
      '「乾隆」皇帝',
      '乾淨的衣服',
      '著作權',
      '什麼時候到',
      '後面的頭髮',
      'ABC 123 😡',
    ]) {
      expect(toSimplifiedAligned(text)).toBe(opencc(text));
    }
  });

  it('keeps the length so offsets stay aligned', () => {
    const text = '這個產品質量太差了，我要退貨';
    expect(toSimplifiedAligned(text)).toHaveLength(text.length);
  });
});
