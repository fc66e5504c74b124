// Quantities: 3件, 两箱, 5公斤, 2 boxes, 3 pcs. Durations (3个月, 2天) are left to the date/time recognizer.
import type { QuantityValue } from '../../types.ts';
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-number.ts';
import { type Match, scan } from './match.ts';

const ZH_UNITS =
  '件|个|盒|箱|台|部|只|双|套|瓶|包|袋|张|本|支|条|份|斤|公斤|千克|克|米|厘米|毫米|升|毫升|罐|桶|卷|块|枚|颗|把|副|对|打|听|片|杯|次|单';
const EN_UNITS =
  'pcs|pieces?|items?|units?|boxes|box|bottles?|packs?|packages?|pairs?|sets?|kg|kgs|kilograms?|grams?|g|lbs?|pounds|meters?|m|cm|mm|liters?|litres?|l|ml|cans?|bags?|cartons?|orders?';

const ZH = new RegExp(
  `(?<![\\d.${CHINESE_NUMERAL_CHARS}])(\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]{1,12})\\s?(${ZH_UNITS})(?!月|小时|钟|星期|礼拜|工作日|钱|多小时)`,
  'g',
);
const EN = new RegExp(`(?<![\\w.])(\\d+(?:\\.\\d+)?)\\s?(${EN_UNITS})(?![a-z])`, 'g');

export function findQuantities(text: string): Match[] {
  const out: Match[] = [];
  for (const { start, end, groups } of scan(ZH, text)) {
    const numeral = groups[1] as string;
    const amount = parseChineseNumber(numeral);
    if (!Number.isFinite(amount)) continue;
    if (/^[一两]$/.test(numeral) && groups[2] === '个') continue; // 一个问题: an article, not a count the bot needs
    const value: QuantityValue = { amount, unit: groups[2] as string };
    out.push({ type: 'quantity', start, end, value, confidence: /^\d/.test(numeral) ? 0.9 : 0.75, priority: 3 });
  }
  for (const { start, end, groups } of scan(EN, text)) {
    const value: QuantityValue = { amount: Number(groups[1]), unit: groups[2] as string };
    out.push({ type: 'quantity', start, end, value, confidence: 0.85, priority: 3 });
  }
  return out;
}
