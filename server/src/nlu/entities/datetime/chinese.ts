// Chinese date/time expressions: 今天, 明天下午三点, 上周五, 下个月5号, 5月3日, 2024年5月3号, 3天前, 半小时后, 15:30.
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from '../builtin/chinese-number.ts';
import { scan } from '../builtin/match.ts';
import type { DatePart, Period, RelativePart, TimePart } from './parts.ts';
import { dateOnly, validDay } from './parts.ts';
import { addToWall } from './zone.ts';

const N = `(?:\\d{1,4}|[${CHINESE_NUMERAL_CHARS}]{1,5})`;
const DAY_WORDS: Record<string, number> = {
  大前天: -3,
  前天: -2,
  昨天: -1,
  昨日: -1,
  昨晚: -1,
  今天: 0,
  今日: 0,
  今晚: 0,
  今早: 0,
  明天: 1,
  明日: 1,
  明晚: 1,
  明早: 1,
  后天: 2,
  大后天: 3,
};
const WEEKDAYS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
};
const PERIODS: Record<string, Period> = {
  凌晨: 'early',
  早上: 'morning',
  早晨: 'morning',
  清晨: 'morning',
  上午: 'forenoon',
  中午: 'noon',
  下午: 'afternoon',
  傍晚: 'evening',
  晚上: 'evening',
  夜里: 'night',
  夜间: 'night',
  半夜: 'night',
  深夜: 'night',
};
const YEAR_WORDS: Record<string, number> = { 前年: -2, 去年: -1, 今年: 0, 明年: 1, 后年: 2 };
const SHIFT: Record<string, number> = { 上上: -2, 上: -1, 这: 0, 本: 0, 下: 1, 下下: 2 };

const RE_DAY_WORD = /(大前天|大后天|前天|昨天|昨日|昨晚|今天|今日|今晚|今早|明天|明日|明晚|明早|后天)/g;
const RE_WEEKDAY = /(上上|下下|上|这|本|下)?个?(?:周|星期|礼拜)([一二三四五六日天1-7])/g;
const RE_WEEK = /(上上|下下|上|这|本|下)(?:个)?(?:周|星期|礼拜)(?![一二三四五六日天1-7])/g;
const RE_MONTH_DAY = new RegExp(`(上|这|本|下)个?月(${N})(?:号|日)`, 'g');
const RE_MONTH = /(上|这|本|下)个?月(?![\d一二三四五六七八九十底初中])/g;
const RE_FULL_DATE = new RegExp(
  `(?:(\\d{4}|${N.slice(3, -1)})年|(前年|去年|今年|明年|后年))?(${N})月(?:(${N})(?:号|日)?)?(?![\\d${CHINESE_NUMERAL_CHARS}份])`,
  'g',
);
const RE_ISO_DATE = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/g;
const RE_BARE_DAY = new RegExp(
  `(?<![月\\d${CHINESE_NUMERAL_CHARS}])(${N})(?:号|日)(?!楼|线|门|床|房|窗口|柜台|店|元|以内|之内)`,
  'g',
);
const RE_YEAR = /(前年|去年|今年|明年|后年)(?![\d一二三四五六七八九十]+月)/g;
const RE_RELATIVE = new RegExp(
  `(${N}|半)(?:个)?(半)?(分钟|小时|钟头|天|日|周|星期|礼拜|月|年)(前|之前|以前|后|之后|以后)`,
  'g',
);
const RE_CLOCK = new RegExp(
  `(凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间|半夜|深夜)?(?:(${N})(?:点钟?|时)(?:(半)|(一刻)|(三刻)|(\\d{1,2})分?|([${CHINESE_NUMERAL_CHARS}]{1,3})分)?|(\\d{1,2}):(\\d{2}))`,
  'g',
);
const RE_PERIOD = /(凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间|半夜|深夜)/g;

function num(s: string | undefined): number {
  return s === undefined ? Number.NaN : parseChineseNumber(s);
}

export function chineseDateParts(text: string): DatePart[] {
  const out: DatePart[] = [];
  for (const { start, end, groups } of scan(RE_DAY_WORD, text)) {
    const word = groups[1] as string;
    const offset = DAY_WORDS[word] as number;
    const period: Period | undefined = word.endsWith('晚') ? 'evening' : word.endsWith('早') ? 'morning' : undefined;
    out.push({
      start,
      end,
      period,
      resolve: (today) => ({ date: addToWall(dateOnly(today), { day: offset }), grain: 'day' }),
    });
  }
  for (const { start, end, groups } of scan(RE_WEEKDAY, text)) {
    const shift = groups[1];
    const target = WEEKDAYS[groups[2] as string] as number;
    out.push({
      start,
      end,
      resolve: (today, weekday) => {
        // a bare 周五 means the coming one; 这周五/上周五/下周五 count whole Monday-based weeks
        const days = shift === undefined ? (target - weekday + 7) % 7 : target - weekday + 7 * (SHIFT[shift] as number);
        return { date: addToWall(dateOnly(today), { day: days }), grain: 'day' };
      },
    });
  }
  for (const { start, end, groups } of scan(RE_WEEK, text)) {
    const shift = SHIFT[groups[1] as string] as number;
    out.push({
      start,
      end,
      resolve: (today, weekday) => ({
        date: addToWall(dateOnly(today), { day: 1 - weekday + 7 * shift }),
        grain: 'week',
      }),
    });
  }
  for (const { start, end, groups } of scan(RE_MONTH_DAY, text)) {
    const shift = SHIFT[groups[1] as string] as number;
    const day = num(groups[2]);
    out.push({
      start,
      end,
      resolve: (today) => {
        const month = addToWall({ ...dateOnly(today), day: 1 }, { month: shift });
        return { date: { ...month, day: validDay(month.year, month.month, day) ? day : 1 }, grain: 'day' };
      },
    });
  }
  for (const { start, end, groups } of scan(RE_MONTH, text)) {
    const shift = SHIFT[groups[1] as string] as number;
    out.push({
      start,
      end,
      resolve: (today) => ({ date: addToWall({ ...dateOnly(today), day: 1 }, { month: shift }), grain: 'month' }),
    });
  }
  for (const { start, end, groups } of scan(RE_FULL_DATE, text)) {
    const month = num(groups[3]);
    const day = groups[4] === undefined ? 1 : num(groups[4]);
    const yearDigits = groups[1];
    const yearShift = groups[2] === undefined ? 0 : (YEAR_WORDS[groups[2]] as number);
    if (!validDay(2000, month, day)) continue; // 2000 is a leap year, so 2月29日 passes here
    out.push({
      start,
      end,
      resolve: (today) => {
        const year = yearDigits ? parseYear(yearDigits) : today.year + yearShift;
        const safeDay = validDay(year, month, day) ? day : 28;
        return {
          date: { year, month, day: safeDay, hour: 0, minute: 0, second: 0 },
          grain: groups[4] === undefined ? 'month' : 'day',
        };
      },
    });
  }
  for (const { start, end, groups } of scan(RE_ISO_DATE, text)) {
    const [year, month, day] = [Number(groups[1]), Number(groups[2]), Number(groups[3])];
    if (!validDay(year, month, day)) continue;
    out.push({
      start,
      end,
      resolve: () => ({ date: { year, month, day, hour: 0, minute: 0, second: 0 }, grain: 'day' }),
    });
  }
  for (const { start, end, groups } of scan(RE_BARE_DAY, text)) {
    const day = num(groups[1]);
    if (!(day >= 1 && day <= 31)) continue;
    out.push({
      start,
      end,
      resolve: (today) => ({
        date: { ...dateOnly(today), day: validDay(today.year, today.month, day) ? day : today.day },
        grain: 'day',
      }),
    });
  }
  for (const { start, end, groups } of scan(RE_YEAR, text)) {
    const shift = YEAR_WORDS[groups[1] as string] as number;
    out.push({
      start,
      end,
      resolve: (today) => ({
        date: { year: today.year + shift, month: 1, day: 1, hour: 0, minute: 0, second: 0 },
        grain: 'year',
      }),
    });
  }
  return out;
}

function parseYear(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  // 二〇二四 is read digit by digit
  return Number([...s].map((c) => parseChineseNumber(c)).join(''));
}

export function chineseRelativeParts(text: string): RelativePart[] {
  const out: RelativePart[] = [];
  for (const { start, end, groups } of scan(RE_RELATIVE, text)) {
    const base = groups[1] === '半' ? 0.5 : num(groups[1]);
    const amount = base + (groups[2] ? 0.5 : 0);
    if (!Number.isFinite(amount) || amount <= 0) continue;
    const word = groups[3] as string;
    const unit =
      word === '分钟'
        ? 'minute'
        : word === '小时' || word === '钟头'
          ? 'hour'
          : word === '天' || word === '日'
            ? 'day'
            : word === '月'
              ? 'month'
              : word === '年'
                ? 'year'
                : 'week';
    const sign = (groups[4] as string).includes('前') ? -1 : 1;
    out.push({ start, end, unit, amount: sign * amount });
  }
  return out;
}

export function chineseTimeParts(text: string): TimePart[] {
  const out: TimePart[] = [];
  for (const { start, end, groups } of scan(RE_CLOCK, text)) {
    const period = groups[1] ? PERIODS[groups[1]] : undefined;
    const hour = groups[8] !== undefined ? Number(groups[8]) : num(groups[2]);
    let minute = 0;
    if (groups[9] !== undefined) minute = Number(groups[9]);
    else if (groups[3]) minute = 30;
    else if (groups[4]) minute = 15;
    else if (groups[5]) minute = 45;
    else if (groups[6] !== undefined) minute = Number(groups[6]);
    else if (groups[7] !== undefined) minute = num(groups[7]);
    if (!(hour >= 0 && hour <= 24 && minute >= 0 && minute < 60)) continue;
    // 快一点 / 便宜一点 / 一点点 mean "a little", not one o'clock
    const bare =
      !period &&
      groups[3] === undefined &&
      groups[4] === undefined &&
      groups[5] === undefined &&
      groups[6] === undefined &&
      groups[7] === undefined;
    if (bare && /^[一两二]$/.test(groups[2] ?? '') && !/^钟/.test(text.slice(end - 1, end + 1).slice(1))) continue;
    out.push({ start, end, hour, minute, period });
  }
  for (const { start, end, groups } of scan(RE_PERIOD, text)) {
    out.push({ start, end, minute: 0, period: PERIODS[groups[1] as string] });
  }
  return out;
}
