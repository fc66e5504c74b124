import { describe, expect, it } from 'vitest';
import type { Token } from '../types.ts';
import { normalize } from './normalize.ts';
import { createTokenizer, defaultTokenizer } from './tokenizer.ts';

function expectOffsets(text: string, tokens: Token[]) {
  for (const t of tokens) {
    expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(t.end).toBeGreaterThan(t.start);
  }
}

describe('tokenizer', () => {
  const tokenizer = defaultTokenizer();

  it('segments Chinese with jieba POS tags and original offsets', () => {
    const text = '张三丰明天到上海浦东新区';
    const tokens = tokenizer.tokenize(text);
    expectOffsets(text, tokens);
    expect(tokens.find((t) => t.text === '张三丰')?.pos).toBe('nr');
    expect(tokens.find((t) => t.text === '上海浦东新区')?.pos).toBe('ns');
  });

  it('tags English with wink-nlp universal POS tags', () => {
    const text = "My order hasn't arrived";
    const tokens = tokenizer.tokenize(text);
    expectOffsets(text, tokens);
    expect(tokens.map((t) => t.pos)).toEqual(['PRON', 'NOUN', 'AUX', 'PART', 'VERB']);
  });

  it('keeps offsets exact on full-width, traditional, extra spaces, emoji and mixed text', () => {
    const text = '  我要退ｉＰｈｏｎｅ　１５，訂單   號碼？😡👍🏽 thanks!!  ';
    const tokens = tokenizer.tokenize(text);
    expectOffsets(text, tokens);
    expect(tokens.find((t) => t.norm === 'iphone')?.text).toBe('ｉＰｈｏｎｅ');
    expect(tokens.find((t) => t.norm === '订单')?.text).toBe('訂單');
    expect(tokens.filter((t) => t.pos === 'emoji').map((t) => t.text)).toEqual(['😡', '👍🏽']);
    expect(tokens.find((t) => t.norm === 'thanks')?.pos).not.toBe('eng');
  });

  it('never throws on hostile input', () => {
    for (const text of [
      '',
      '   ',
      '\u0000\u0001\u0007',
      '\ud800\udc00\ud800',
      '😡😡😡',
      'a'.repeat(100_000),
      '退'.repeat(100_000),
    ]) {
      const tokens = tokenizer.tokenize(text);
      expectOffsets(text, tokens);
    }
    expect(tokenizer.tokenize('😡😡😡').every((t) => t.pos === 'emoji')).toBe(true);
  });

  it('accepts an already normalized text', () => {
    const n = normalize('退貨 ＯＫ');
    expect(tokenizer.tokenize(n).map((t) => t.norm)).toEqual(['退货', 'ok']);
  });

  it('keeps workspace dictionary words whole and shares instances per dictionary', () => {
    const a = createTokenizer({ userDictionary: [{ word: '華為Mate60' }, { word: '苹果手机', pos: 'nz' }] });
    const b = createTokenizer({ userDictionary: [{ word: '苹果手机', pos: 'nz' }, { word: '華為Mate60' }] });
    expect(a.jieba).toBe(b.jieba);
    expect(a.segment('我要买华为mate60和苹果手机')).toEqual(['我', '要', '买', '华为mate60', '和', '苹果手机']);
    expect(tokenizer.segment('我要买苹果手机')).not.toContain('苹果手机');
    const tokens = a.tokenize('我要買華為Mate60');
    expect(tokens.at(-1)).toMatchObject({ text: '華為Mate60', norm: '华为mate60', pos: 'nz' });
  });
});
