// Chinese numerals as customers write them: 两百, 一百二十八, 三千五 (= 3500), 一万二 (= 12000), 三点五, 3.5万, 3千.

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** Characters a Chinese numeral may contain (for building patterns). */
export const CHINESE_NUMERAL_CHARS = '零〇一二两俩三四五六七八九十百千万亿';

/** Parses Arabic, Chinese or mixed numerals; NaN when it is not a number. */
export function parseChineseNumber(text: string): number {
  const s = text.replace(/,/g, '').trim();
  if (s.length === 0) return Number.NaN;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const mixed = /^(\d+(?:\.\d+)?)([十百千万亿]+)$/.exec(s);
  if (mixed) {
    let value = Number(mixed[1]);
    for (const unit of mixed[2] as string) value *= SMALL_UNITS[unit] ?? BIG_UNITS[unit] ?? 1;
    return value;
  }
  const point = s.indexOf('点');
  if (point > 0) {
    const whole = parseChineseInteger(s.slice(0, point));
    const fraction = s.slice(point + 1);
    if (!/^[零〇一二三四五六七八九]+$/.test(fraction)) return Number.NaN;
    const decimals = [...fraction].map((c) => DIGITS[c]).join('');
    return whole + Number(`0.${decimals}`);
  }
  return parseChineseInteger(s);
}

function parseChineseInteger(s: string): number {
  if (s.length === 0) return Number.NaN;
  let total = 0; // completed 万/亿 sections
  let section = 0; // value below the current big unit
  let digit = -1; // pending digit not yet multiplied
  let lastUnit = 0; // last small unit used, for the colloquial "三千五" = 3500
  let lastBig = 1;
  for (const c of s) {
    if (c in DIGITS) {
      digit = DIGITS[c] as number;
      continue;
    }
    const small = SMALL_UNITS[c];
    if (small !== undefined) {
      section += (digit < 0 ? 1 : digit) * small; // "十五" starts with an implicit one
      digit = -1;
      lastUnit = small;
      continue;
    }
    const big = BIG_UNITS[c];
    if (big !== undefined) {
      if (digit >= 0) section += digit;
      total = (total + section) * big;
      section = 0;
      digit = -1;
      lastUnit = 0;
      lastBig = big;
      continue;
    }
    return Number.NaN;
  }
  if (digit >= 0) {
    // a trailing digit right after a unit means one step below it: 三千五 → 3500, 一万二 → 12000
    if (lastUnit >= 100 && s.length >= 2 && !s.includes('零')) section += digit * (lastUnit / 10);
    else if (lastUnit === 0 && lastBig > 1 && total > 0) section += digit * (lastBig / 10);
    else section += digit;
  }
  return total + section;
}
