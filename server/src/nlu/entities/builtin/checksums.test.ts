import { describe, expect, it } from 'vitest';
import { idCardCheckChar, idCardValid, luhnValid } from './checksums.ts';
import { parseChineseNumber } from './chinese-number.ts';

describe('check digits', () => {
  it('verifies Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('6222021234567890128')).toBe(true);
    expect(luhnValid('12345')).toBe(false);
  });

  it('computes and verifies the resident ID check character (X included)', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(idCardValid('11010519491231002X')).toBe(true);
    expect(idCardValid('11010519491231002x')).toBe(true);
    expect(idCardValid('110105194912310021')).toBe(false);
    expect(idCardValid('110105194902300028')).toBe(false); // 2月30日 does not exist
  });
});

describe('parseChineseNumber', () => {
  it('reads the ways customers write amounts', () => {
    expect(parseChineseNumber('两百')).toBe(200);
    expect(parseChineseNumber('一百二十八')).toBe(128);
    expect(parseChineseNumber('三千五')).toBe(3500);
    expect(parseChineseNumber('一万二')).toBe(12000);
    expect(parseChineseNumber('一百零五')).toBe(105);
    expect(parseChineseNumber('十五')).toBe(15);
    expect(parseChineseNumber('三点五')).toBe(3.5);
    expect(parseChineseNumber('3千')).toBe(3000);
    expect(parseChineseNumber('1,299.5')).toBe(1299.5);
    expect(Number.isNaN(parseChineseNumber('退货'))).toBe(true);
  });
});
