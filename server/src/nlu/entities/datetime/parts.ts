// The pieces a date/time expression is made of. Date parts and time parts are found separately and joined when
// they stand next to each other ("明天" + "下午三点", "next friday" + "at 10am").
import type { DateTimeGrain } from '../../types.ts';
import type { WallTime } from './zone.ts';

export interface DatePart {
  start: number;
  end: number;
  /** the resolved day (time fields ignored) and how precise the expression is */
  resolve(today: WallTime, weekday: number): { date: WallTime; grain: DateTimeGrain };
  /** 今晚/tonight carry their own part of the day */
  period?: Period;
}

export type Period = 'early' | 'morning' | 'forenoon' | 'noon' | 'afternoon' | 'evening' | 'night';

export interface TimePart {
  start: number;
  end: number;
  /** undefined when only a part of the day was said ("下午"): it then only qualifies a date */
  hour?: number;
  minute: number;
  period?: Period;
}

/** A self-contained instant relative to now: "3天前", "in 2 hours". */
export interface RelativePart {
  start: number;
  end: number;
  unit: 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
  amount: number;
}

/** The hour a part of the day stands for when no clock time is given. */
export const PERIOD_DEFAULT_HOUR: Record<Period, number> = {
  early: 5,
  morning: 8,
  forenoon: 10,
  noon: 12,
  afternoon: 15,
  evening: 19,
  night: 22,
};

/** 24-hour clock from an hour said with a part of the day: 下午3点 → 15, 中午1点 → 13, 凌晨12点 → 0. */
export function to24h(hour: number, period: Period | undefined): number {
  if (period === undefined) return hour % 24;
  if (period === 'early') return hour === 12 ? 0 : hour;
  if (period === 'morning' || period === 'forenoon') return hour === 12 ? 0 : hour;
  if (period === 'noon') return hour < 11 ? hour + 12 : hour;
  if (period === 'night') return hour === 12 ? 0 : hour < 5 ? hour : hour < 12 ? hour + 12 : hour;
  return hour < 12 ? hour + 12 : hour; // afternoon, evening
}

export function dateOnly(w: WallTime): WallTime {
  return { year: w.year, month: w.month, day: w.day, hour: 0, minute: 0, second: 0 };
}

export function validDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
