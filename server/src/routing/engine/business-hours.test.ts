import { describe, expect, it } from 'vitest';
import { isOpen, isTimeZone, localTime, parseInterval } from './business-hours.ts';
import type { BusinessHours } from './types.ts';

const WEEKDAYS_9_TO_6 = {
  1: ['09:00-18:00'],
  2: ['09:00-18:00'],
  3: ['09:00-18:00'],
  4: ['09:00-18:00'],
  5: ['09:00-12:00', '13:00-18:00'],
};

describe('business hours', () => {
  const shanghai: BusinessHours = { timeZone: 'Asia/Shanghai', weekly: WEEKDAYS_9_TO_6, holidays: ['2026-10-01'] };
  const newYork: BusinessHours = { timeZone: 'America/New_York', weekly: WEEKDAYS_9_TO_6, holidays: [] };

  it('reads the clock in the team’s own zone: 02:00 UTC is 10:00 in Shanghai and 21:00 (previous day) in New York', () => {
    const at = Date.UTC(2026, 10, 26, 2, 0, 0); // Thursday in Shanghai
    expect(localTime('Asia/Shanghai', at)).toEqual({ date: '2026-11-26', weekday: 4, minutes: 600 });
    expect(isOpen(shanghai, at)).toBe(true);
    expect(isOpen(newYork, at)).toBe(false);
  });

  it('closes on a holiday (国庆节) and over the Friday lunch break, and at the weekend', () => {
    expect(isOpen(shanghai, Date.UTC(2026, 9, 1, 3, 0, 0))).toBe(false); // 2026-10-01 11:00 local
    expect(isOpen(shanghai, Date.UTC(2026, 10, 27, 4, 30, 0))).toBe(false); // Friday 12:30
    expect(isOpen(shanghai, Date.UTC(2026, 10, 27, 5, 30, 0))).toBe(true); // Friday 13:30
    expect(isOpen(shanghai, Date.UTC(2026, 10, 28, 3, 0, 0))).toBe(false); // Saturday
  });

  it('follows daylight saving time in New York', () => {
    // 13:30 UTC is 09:30 EDT in July but 08:30 EST in January.
    expect(isOpen(newYork, Date.UTC(2026, 6, 7, 13, 30))).toBe(true);
    expect(isOpen(newYork, Date.UTC(2026, 0, 6, 13, 30))).toBe(false);
  });

  it('treats no hours as always open and validates zones and intervals', () => {
    expect(isOpen(null, 0)).toBe(true);
    expect(isOpen({ timeZone: 'UTC', weekly: {}, holidays: [] }, 0)).toBe(true);
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(parseInterval('09:00-18:00')).toEqual([540, 1080]);
    expect(parseInterval('18:00-09:00')).toBeUndefined();
    expect(parseInterval('9-18')).toBeUndefined();
  });
});
