/**
 * A small five-field cron (`minute hour day-of-month month day-of-week`) with `*`, lists, ranges, steps, month and
 * day names, and @hourly/@daily/@weekly/@monthly. Times are evaluated at a fixed UTC offset (China has no daylight
 * saving, so `+480` is exact for Asia/Shanghai); no IANA zone rules, on purpose, to stay small and deterministic.
 */

export interface CronExpression {
  source: string;
  /** The first matching minute strictly after `after` (epoch ms). */
  next(after: number): number;
}

const MINUTE = 60_000;
const MACROS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Field {
  allowed: boolean[];
  /** False for `*` (matters for the day-of-month / day-of-week rule). */
  restricted: boolean;
}

function parseValue(text: string, names: string[] | undefined, nameBase: number): number {
  const byName = names?.indexOf(text.toLowerCase()) ?? -1;
  if (byName >= 0) return byName + nameBase;
  if (!/^\d+$/.test(text)) return Number.NaN;
  return Number(text);
}

function parseField(text: string, min: number, max: number, names?: string[], nameBase = min): Field {
  const allowed = new Array<boolean>(max + 1).fill(false);
  for (const part of text.split(',')) {
    const match = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d+))?$/i.exec(part);
    if (!match) throw new Error(`invalid cron field "${text}"`);
    const [, range = '', stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    let from = min;
    let to = max;
    if (range !== '*') {
      const [start = '', end] = range.split('-');
      from = parseValue(start, names, nameBase);
      // `5/15` means from 5 to the end of the range, every 15.
      to = end === undefined ? (stepText === undefined ? from : max) : parseValue(end, names, nameBase);
    }
    if (![from, to, step].every(Number.isInteger) || step < 1 || from < min || to > max || from > to) {
      throw new Error(`invalid cron field "${text}"`);
    }
    for (let value = from; value <= to; value += step) allowed[value] = true;
  }
  return { allowed, restricted: text !== '*' && !text.startsWith('*/') };
}

export function parseCron(expression: string, utcOffsetMinutes = 0): CronExpression {
  const source = expression.trim();
  const parts = (MACROS[source] ?? source).split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron expression "${expression}" needs 5 fields`);
  const [minuteText, hourText, dayText, monthText, weekdayText] = parts as [string, string, string, string, string];
  const minutes = parseField(minuteText, 0, 59);
  const hours = parseField(hourText, 0, 23);
  const days = parseField(dayText, 1, 31);
  const months = parseField(monthText, 1, 12, MONTHS, 1);
  const weekdays = parseField(weekdayText, 0, 7, WEEKDAYS, 0);
  if (weekdays.allowed[7]) weekdays.allowed[0] = true; // 7 is Sunday too
  const offset = utcOffsetMinutes * MINUTE;

  const dayMatches = (date: Date): boolean => {
    const byDay = days.allowed[date.getUTCDate()] === true;
    const byWeekday = weekdays.allowed[date.getUTCDay()] === true;
    // Classic cron: when both are restricted, either one matching is enough.
    if (days.restricted && weekdays.restricted) return byDay || byWeekday;
    return byDay && byWeekday;
  };

  const next = (after: number): number => {
    // Work in "local" time shifted by the offset; Date's UTC getters then read local fields.
    let t = Math.floor((after + offset) / MINUTE) * MINUTE + MINUTE;
    const limit = t + 5 * 366 * 24 * 60 * MINUTE;
    while (t <= limit) {
      const d = new Date(t);
      if (!months.allowed[d.getUTCMonth() + 1]) {
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      } else if (!dayMatches(d)) {
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      } else if (!hours.allowed[d.getUTCHours()]) {
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      } else if (!minutes.allowed[d.getUTCMinutes()]) {
        t += MINUTE;
      } else {
        return t - offset;
      }
    }
    throw new Error(`cron expression "${expression}" never matches`);
  };

  next(0); // fail at definition time, not at the first tick, for dates that never come (`0 0 30 2 *`)
  return { source, next };
}
