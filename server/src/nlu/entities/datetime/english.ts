// English date/time expressions: today, tomorrow 3pm, next friday, last week, in 2 hours, 3 days ago, May 3rd,
// 3 May 2024, 2024-05-03, 05/03/2024 (US order), 15:30, noon.
import { scan } from '../builtin/match.ts';
import type { DatePart, Period, RelativePart, TimePart } from './parts.ts';
import { dateOnly, validDay } from './parts.ts';
import { addToWall } from './zone.ts';

const WEEKDAYS: Record<string, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const SMALL: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  couple: 2,
  'a couple of': 2,
  few: 3,
  'a few': 3,
};
const PERIODS: Record<string, Period> = {
  morning: 'morning',
  afternoon: 'afternoon',
  evening: 'evening',
  night: 'night',
  tonight: 'evening',
};

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const COUNT = '(\\d{1,3}|a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)';
const UNIT = '(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)';

const RE_DAY_WORD =
  /(?<![a-z])(the day after tomorrow|day after tomorrow|the day before yesterday|day before yesterday|today|tonight|tomorrow|tmr|yesterday)(?![a-z])/g;
const RE_WEEKDAY =
  /(?<![a-z])(?:(next|last|this|coming) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![a-z])/g;
const RE_WEEK = /(?<![a-z])(next|last|this) (week|month|year)(?![a-z])/g;
const RE_MONTH_DAY = new RegExp(`(?<![a-z])${MONTH}\\.? (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?(?![\\d:a-z])`, 'g');
const RE_DAY_MONTH = new RegExp(`(?<![\\w])(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH}(?:,? (\\d{4}))?(?![a-z])`, 'g');
const RE_US_DATE = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/g;
const RE_RELATIVE = new RegExp(`(?<![a-z])(?:in ${COUNT} ${UNIT}|${COUNT} ${UNIT} (ago|later|from now))(?![a-z])`, 'g');
const RE_CLOCK =
  /(?<![\w:])(?:(\d{1,2})(?::(\d{2}))? ?(a\.m\.|p\.m\.|am|pm)(?![a-z])|(\d{1,2}):(\d{2})(?![\d:])|(noon|midday|midnight)|(\d{1,2}) o'?clock)/g;
const RE_PERIOD = /(?<![a-z])(?:in the |this )?(morning|afternoon|evening|night)(?![a-z])/g;

function count(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : (SMALL[s] ?? Number.NaN);
}

export function englishDateParts(text: string): DatePart[] {
  const out: DatePart[] = [];
  for (const { start, end, groups } of scan(RE_DAY_WORD, text)) {
    const word = groups[1] as string;
    const offset = word.includes('after')
      ? 2
      : word.includes('before')
        ? -2
        : word === 'yesterday'
          ? -1
          : word === 'tomorrow' || word === 'tmr'
            ? 1
            : 0;
    out.push({
      start,
      end,
      period: word === 'tonight' ? 'evening' : undefined,
      resolve: (today) => ({ date: addToWall(dateOnly(today), { day: offset }), grain: 'day' }),
    });
  }
  for (const { start, end, groups } of scan(RE_WEEKDAY, text)) {
    const which = groups[1];
    const target = WEEKDAYS[groups[2] as string] as number;
    out.push({
      start,
      end,
      resolve: (today, weekday) => {
        let days = (target - weekday + 7) % 7; // bare or "coming": the next one, today included
        if (which === 'this') days = target - weekday;
        if (which === 'next') days = target - weekday + 7;
        if (which === 'last') days = -((weekday - target + 7) % 7 || 7);
        return { date: addToWall(dateOnly(today), { day: days }), grain: 'day' };
      },
    });
  }
  for (const { start, end, groups } of scan(RE_WEEK, text)) {
    const shift = groups[1] === 'next' ? 1 : groups[1] === 'last' ? -1 : 0;
    const unit = groups[2] as 'week' | 'month' | 'year';
    out.push({
      start,
      end,
      resolve: (today, weekday) => {
        if (unit === 'week')
          return { date: addToWall(dateOnly(today), { day: 1 - weekday + 7 * shift }), grain: 'week' };
        if (unit === 'month')
          return { date: addToWall({ ...dateOnly(today), day: 1 }, { month: shift }), grain: 'month' };
        return { date: { year: today.year + shift, month: 1, day: 1, hour: 0, minute: 0, second: 0 }, grain: 'year' };
      },
    });
  }
  const calendar = (start: number, end: number, month: number, day: number, year: string | undefined) => {
    if (!validDay(2000, month, day)) return;
    out.push({
      start,
      end,
      resolve: (today) => {
        const y = year ? Number(year) : today.year;
        return {
          date: { year: y, month, day: validDay(y, month, day) ? day : 28, hour: 0, minute: 0, second: 0 },
          grain: 'day',
        };
      },
    });
  };
  for (const { start, end, groups } of scan(RE_MONTH_DAY, text)) {
    calendar(start, end, MONTHS[(groups[1] as string).slice(0, 3)] as number, Number(groups[2]), groups[3]);
  }
  for (const { start, end, groups } of scan(RE_DAY_MONTH, text)) {
    calendar(start, end, MONTHS[(groups[2] as string).slice(0, 3)] as number, Number(groups[1]), groups[3]);
  }
  for (const { start, end, groups } of scan(RE_US_DATE, text)) {
    calendar(start, end, Number(groups[1]), Number(groups[2]), groups[3]);
  }
  return out;
}

export function englishRelativeParts(text: string): RelativePart[] {
  const out: RelativePart[] = [];
  for (const { start, end, groups } of scan(RE_RELATIVE, text)) {
    const ago = groups[5] === 'ago';
    const amount = count((groups[1] ?? groups[3]) as string);
    const word = (groups[2] ?? groups[4]) as string;
    if (!Number.isFinite(amount) || amount <= 0) continue;
    const unit = word.startsWith('min')
      ? 'minute'
      : word.startsWith('h')
        ? 'hour'
        : word.startsWith('d')
          ? 'day'
          : word.startsWith('w')
            ? 'week'
            : word.startsWith('mo')
              ? 'month'
              : 'year';
    out.push({ start, end, unit, amount: ago ? -amount : amount });
  }
  return out;
}

export function englishTimeParts(text: string): TimePart[] {
  const out: TimePart[] = [];
  for (const { start, end, groups } of scan(RE_CLOCK, text)) {
    let hour: number;
    let minute = 0;
    let period: Period | undefined;
    if (groups[1] !== undefined) {
      hour = Number(groups[1]);
      minute = groups[2] === undefined ? 0 : Number(groups[2]);
      if (hour < 1 || hour > 12) continue;
      const pm = (groups[3] as string).startsWith('p');
      hour = pm ? (hour % 12) + 12 : hour % 12;
    } else if (groups[4] !== undefined) {
      hour = Number(groups[4]);
      minute = Number(groups[5]);
    } else if (groups[6] !== undefined) {
      hour = groups[6] === 'midnight' ? 0 : 12;
    } else {
      hour = Number(groups[7]);
    }
    if (!(hour >= 0 && hour <= 24 && minute >= 0 && minute < 60)) continue;
    out.push({ start, end, hour, minute, period });
  }
  for (const { start, end, groups } of scan(RE_PERIOD, text)) {
    out.push({ start, end, minute: 0, period: PERIODS[groups[1] as string] });
  }
  return out;
}
