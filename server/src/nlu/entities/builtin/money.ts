// Money: ¥199, ￥199, 199元, 两百块, 3.5万元, 5块5, $5.99, US$20, 20 dollars, rmb 100, €10.
import type { MoneyValue } from '../../types.ts';
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-number.ts';
import { type Match, scan } from './match.ts';

const NUM = `\\d+(?:,\\d{3})*(?:\\.\\d+)?`;
const ZH_NUM = `[${CHINESE_NUMERAL_CHARS}]{1,12}(?:点[零〇一二三四五六七八九]{1,4})?`;
const MAG = '[十百千万亿]*';

const SYMBOLS: Record<string, string> = {
  '¥': 'CNY',
  '￥': 'CNY',
  $: 'USD',
  us$: 'USD',
  hk$: 'HKD',
  '€': 'EUR',
  '£': 'GBP',
  rmb: 'CNY',
  usd: 'USD',
  cny: 'CNY',
  eur: 'EUR',
  hkd: 'HKD',
  gbp: 'GBP',
};
const ZH_UNITS: Record<string, string> = {
  元: 'CNY',
  块钱: 'CNY',
  块: 'CNY',
  圆: 'CNY',
  人民币: 'CNY',
  元人民币: 'CNY',
  美元: 'USD',
  美金: 'USD',
  刀: 'USD',
  欧元: 'EUR',
  英镑: 'GBP',
  港币: 'HKD',
  港元: 'HKD',
  日元: 'JPY',
  毛: 'CNY',
  毛钱: 'CNY',
  角: 'CNY',
};
const EN_UNITS: Record<string, string> = {
  dollars: 'USD',
  dollar: 'USD',
  bucks: 'USD',
  usd: 'USD',
  yuan: 'CNY',
  rmb: 'CNY',
  cny: 'CNY',
  euros: 'EUR',
  euro: 'EUR',
  pounds: 'GBP',
  eur: 'EUR',
  hkd: 'HKD',
  gbp: 'GBP',
};

const PREFIXED = new RegExp(`(?<![\\w$])(us\\$|hk\\$|[¥￥$€£]|(?:rmb|usd|cny|eur|hkd|gbp) ?)\\s?(${NUM})(${MAG})`, 'g');
const ZH_SUFFIX = new RegExp(
  `(?<![\\d.${CHINESE_NUMERAL_CHARS}]|\\d,)(${NUM}|${ZH_NUM})\\s?(${MAG})(元人民币|块钱|毛钱|人民币|美元|美金|欧元|英镑|港币|港元|日元|元|块|圆|刀|毛|角)(?:([零〇一二三四五六七八九\\d])(?![\\d${CHINESE_NUMERAL_CHARS}]))?`,
  'g',
);
const EN_SUFFIX = new RegExp(
  `(?<![\\w.])(${NUM})\\s?(k)?\\s?(dollars?|bucks|usd|yuan|rmb|cny|euros?|pounds|eur|hkd|gbp)(?![a-z])`,
  'g',
);

// after 块 (a classifier as well: 两块蛋糕 = two pieces of cake) only these may follow for it to be money
const AFTER_KUAI = /^(?:$|[\s\d,.!?;:，。！？；：、~～的吧啊呢了吗嘛呀就都还多左右钱一])/;

function magnitude(mag: string): number {
  let m = 1;
  for (const c of mag) m *= c === '十' ? 10 : c === '百' ? 100 : c === '千' ? 1000 : c === '万' ? 10_000 : 100_000_000;
  return m;
}

function money(start: number, end: number, amount: number, currency: string, confidence: number): Match | undefined {
  if (!Number.isFinite(amount) || amount < 0) return undefined;
  const value: MoneyValue = { amount: Math.round(amount * 100) / 100, currency };
  return { type: 'money', start, end, value, confidence, priority: 6 };
}

export function findMoney(text: string): Match[] {
  const out: Match[] = [];
  for (const { start, end, groups } of scan(PREFIXED, text)) {
    const symbol = (groups[1] as string).trim();
    const amount = Number((groups[2] as string).replace(/,/g, '')) * magnitude(groups[3] as string);
    const m = money(start, end, amount, SYMBOLS[symbol] ?? 'CNY', 0.95);
    if (m) out.push(m);
  }
  for (const { start, end, groups } of scan(ZH_SUFFIX, text)) {
    const [, numeral, mag, unit, tail] = groups as unknown as [string, string, string, string, string | undefined];
    const chinese = !/^\d/.test(numeral);
    // a single-digit count before 块 may be a classifier; larger amounts (两千块, 50块) are money
    const small = /^(?:\d|[一二两三四五六七八九])$/.test(numeral) && mag === '';
    if (unit === '块' && small && !AFTER_KUAI.test(text.slice(end, end + 1))) continue;
    if (chinese && unit === '刀') continue; // 一刀 is a cut, not a dollar
    let amount = parseChineseNumber(numeral) * magnitude(mag);
    if (unit === '毛' || unit === '毛钱' || unit === '角') amount /= 10;
    // 5块5 = 5.5: a digit right after 元/块 counts tenths
    if (tail !== undefined && (unit === '块' || unit === '元')) amount += parseChineseNumber(tail) / 10;
    const m = money(start, end, amount, ZH_UNITS[unit] ?? 'CNY', chinese ? 0.85 : 0.95);
    if (m) out.push(m);
  }
  for (const { start, end, groups } of scan(EN_SUFFIX, text)) {
    const amount = Number((groups[1] as string).replace(/,/g, '')) * (groups[2] ? 1000 : 1);
    const m = money(start, end, amount, EN_UNITS[groups[3] as string] ?? 'USD', 0.9);
    if (m) out.push(m);
  }
  return out;
}
