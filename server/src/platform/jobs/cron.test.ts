import { describe, expect, it } from 'vitest';
import { parseCron } from './cron.ts';

const utc = (text: string) => Date.parse(`${text}Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

function nextTimes(expression: string, from: string, count: number, offset = 0): string[] {
  const cron = parseCron(expression, offset);
  const out: string[] = [];
  let t = utc(from);
  for (let i = 0; i < count; i++) {
    t = cron.next(t);
    out.push(iso(t));
  }
  return out;
}

describe('parseCron', () => {
  it('steps through minutes and hours', () => {
    expect(nextTimes('*/15 * * * *', '2026-01-05T02:07', 3)).toEqual([
      '2026-01-05T02:15',
      '2026-01-05T02:30',
      '2026-01-05T02:45',
    ]);
    expect(nextTimes('5 8-10 * * *', '2026-01-05T09:05', 3)).toEqual([
      '2026-01-05T10:05',
      '2026-01-06T08:05',
      '2026-01-06T09:05',
    ]);
  });

  it('is strictly after the given time', () => {
    expect(nextTimes('0 * * * *', '2026-01-05T02:00', 1)).toEqual(['2026-01-05T03:00']);
  });

  it('reads the expression at a fixed UTC offset (09:00 on weekdays in Beijing time)', () => {
    // Monday 2026-01-05 10:00 in Beijing is 02:00 UTC; the next 09:00 CST is Tuesday 01:00 UTC.
    expect(nextTimes('0 9 * * mon-fri', '2026-01-05T02:00', 5, 480)).toEqual([
      '2026-01-06T01:00',
      '2026-01-07T01:00',
      '2026-01-08T01:00',
      '2026-01-09T01:00',
      '2026-01-12T01:00',
    ]);
  });

  it('matches either day field when both are restricted, as classic cron does', () => {
    // 1st of the month or any Sunday, January 2026 (the 4th, 11th … are Sundays).
    expect(nextTimes('0 0 1 * 0', '2026-01-01T00:00', 3)).toEqual([
      '2026-01-04T00:00',
      '2026-01-11T00:00',
      '2026-01-18T00:00',
    ]);
    expect(nextTimes('0 0 * * 7', '2026-01-01T00:00', 1)).toEqual(['2026-01-04T00:00']);
  });

  it('understands month names, macros and month ends', () => {
    expect(nextTimes('@monthly', '2026-01-15T00:00', 2)).toEqual(['2026-02-01T00:00', '2026-03-01T00:00']);
    expect(nextTimes('30 23 31 * *', '2026-01-31T23:30', 2)).toEqual(['2026-03-31T23:30', '2026-05-31T23:30']);
    expect(nextTimes('0 12 29 feb *', '2026-01-01T00:00', 1)).toEqual(['2028-02-29T12:00']);
  });

  it('rejects malformed expressions and dates that never come', () => {
    for (const bad of [
      '* * * *',
      '60 * * * *',
      '* 24 * * *',
      '*/0 * * * *',
      '5-1 * * * *',
      'x * * * *',
      '0 0 30 2 *',
    ]) {
      expect(() => parseCron(bad), bad).toThrow();
    }
  });
});
