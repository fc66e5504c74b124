import type { BusinessHours } from './types.ts';

/** Local calendar parts of an instant in a time zone; formatters are cached because building one costs ~50 µs. */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = FORMATTERS.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    FORMATTERS.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the zone is a real IANA name ('Asia/Shanghai', 'America/New_York', 'UTC'). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS: Record<string, 0 | 1 | 2 | 3 | 4 | 5 | 6> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export interface LocalTime {
  date: string;
  weekday: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  minutes: number;
}

export function localTime(timeZone: string, at: number): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday as string] ?? 0,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const INTERVAL = /^([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

/** '09:00-18:00' → [540, 1080]; an interval past midnight ('22:00-02:00') is not allowed: split it over two days. */
export function parseInterval(text: string): [number, number] | undefined {
  const match = INTERVAL.exec(text);
  if (!match) return undefined;
  const from = Number(match[1]) * 60 + Number(match[2]);
  const to = Number(match[3]) * 60 + Number(match[4]);
  return from < to && to <= 24 * 60 ? [from, to] : undefined;
}

/**
 * Whether a team with these hours is open at an instant: not on a holiday (a local date) and inside one of the
 * day's intervals, both read in the team's own zone so a Shanghai team and a Berlin team each follow their clock.
 * No hours at all means always open.
 */
export function isOpen(hours: BusinessHours | null | undefined, at: number): boolean {
  if (!hours) return true;
  const days = Object.keys(hours.weekly);
  if (days.length === 0 && hours.holidays.length === 0) return true;
  const local = localTime(hours.timeZone, at);
  if (hours.holidays.includes(local.date)) return false;
  if (days.length === 0) return true;
  for (const text of hours.weekly[local.weekday] ?? []) {
    const interval = parseInterval(text);
    if (interval && local.minutes >= interval[0] && local.minutes < interval[1]) return true;
  }
  return false;
}
