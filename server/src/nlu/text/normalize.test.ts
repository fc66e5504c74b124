import { describe, expect, it } from 'vitest';
import { normalize, toOriginalSpan } from './normalize.ts';

/** Every normalized character must come from the original character its map points at. */
function expectAligned(text: string) {
  const n = normalize(text);
  expect(n.toOriginal.length).toBe(n.normalized.length + 1);
  for (let i = 1; i < n.toOriginal.length; i++) {
    expect(n.toOriginal[i]).toBeGreaterThanOrEqual(n.toOriginal[i - 1] as number);
  }
  return n;
}

describe('normalize', () => {
  it('folds full-width letters, digits and punctuation to half-width and lowercases', () => {
    const n = expectAligned('ＡＢＣ１２３，ｉＰｈｏｎｅ！');
    expect(n.normalized).toBe('abc123,iphone!');
    const span = toOriginalSpan(n, n.normalized.indexOf('iphone'), n.normalized.indexOf('iphone') + 6);
    expect(n.original.slice(span.start, span.end)).toBe('ｉＰｈｏｎｅ');
  });

  it('converts traditional to simplified Chinese, phrase-aware, without moving offsets', () => {
    const n = expectAligned('我要退貨，請問訂單號碼？頭髮');
    expect(n.normalized).toBe('我要退货,请问订单号码?头发');
    const at = n.normalized.indexOf('订单');
    expect(toOriginalSpan(n, at, at + 2)).toEqual({ start: 7, end: 9 });
  });

  it('collapses and trims whitespace including the ideographic space, mapping back past the gap', () => {
    const n = expectAligned('  你好 \t\n　 world   ');
    expect(n.normalized).toBe('你好 world');
    const at = n.normalized.indexOf('world');
    expect(n.original.slice(...Object.values(toOriginalSpan(n, at, at + 5)))).toBe('world');
  });

  it('keeps emoji (surrogate pairs and ZWJ sequences) intact and distinct', () => {
    const n = expectAligned('太差了😡不是👍 👨‍👩‍👧');
    expect(n.normalized).toBe('太差了😡不是👍 👨‍👩‍👧');
    const angry = n.normalized.indexOf('😡');
    expect(toOriginalSpan(n, angry, angry + 2)).toEqual({ start: 3, end: 5 });
  });

  it('drops control characters, zero-width marks and lone surrogates', () => {
    const n = expectAligned('a\u0000b\u200bc\ud800d\udc00e\ufeff');
    expect(n.normalized).toBe('abcde');
    expect(Array.from(n.toOriginal)).toEqual([0, 2, 4, 6, 8, 9]);
  });

  it('never throws on empty, emoji-only, or oversized input and flags truncation', () => {
    expect(normalize('').normalized).toBe('');
    expect(normalize('').toOriginal.length).toBe(1);
    expect(normalize('😡😡').normalized).toBe('😡😡');
    const huge = normalize('退'.repeat(100_000));
    expect(huge.truncated).toBe(true);
    expect(huge.normalized.length).toBe(10_000);
    expect(normalize('短', { maxLength: 5 }).truncated).toBe(false);
  });

  it('does not cut a surrogate pair when truncating', () => {
    const n = normalize('ab😡', { maxLength: 3 });
    expect(n.normalized).toBe('ab');
    expect(n.truncated).toBe(true);
  });

  it('maps lowercase expansions (İ → i̇) to the same original character', () => {
    const n = expectAligned('İstanbul');
    expect(n.normalized.startsWith('i')).toBe(true);
    expect(toOriginalSpan(n, 0, n.normalized.length)).toEqual({ start: 0, end: 8 });
  });
});
