import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';

describe('detectLanguage', () => {
  it('detects Chinese, including Chinese with a product name in Latin letters', () => {
    expect(detectLanguage('我的快递怎么还没到')).toBe('zh');
    expect(detectLanguage('我要退iPhone 15')).toBe('zh');
    expect(detectLanguage('請問訂單什麼時候發貨')).toBe('zh');
  });

  it('detects English, also in full-width letters', () => {
    expect(detectLanguage("My order hasn't arrived yet")).toBe('en');
    expect(detectLanguage('ＲＥＦＵＮＤ　ｐｌｅａｓｅ')).toBe('en');
  });

  it('detects mixed messages', () => {
    expect(detectLanguage('Hello 你好')).toBe('mixed');
    expect(detectLanguage('I want to 退货 please')).toBe('mixed');
  });

  it('returns unknown when there are no letters', () => {
    expect(detectLanguage('')).toBe('unknown');
    expect(detectLanguage('😡😡👍')).toBe('unknown');
    expect(detectLanguage('13812345678 !!!')).toBe('unknown');
  });
});
