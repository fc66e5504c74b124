import { describe, expect, it } from 'vitest';
import { normalize } from '../../text/normalize.ts';
import type { DateTimeValue } from '../../types.ts';
import { findDateTimes } from './find-datetimes.ts';

// Wednesday 15 May 2024, 10:00 in Shanghai
const REF = Date.parse('2024-05-15T10:00:00+08:00');

function resolve(text: string, zone = 'Asia/Shanghai', ref = REF) {
  const n = normalize(text).normalized;
  return findDateTimes(n, ref, zone).map((m) => ({ text: n.slice(m.start, m.end), ...(m.value as DateTimeValue) }));
}

describe('Chinese dates and times', () => {
  it.each([
    ['明天下午三点', '2024-05-16T15:00:00+08:00', 'hour'],
    ['今晚8点半', '2024-05-15T20:30:00+08:00', 'minute'],
    ['上周五', '2024-05-10T00:00:00+08:00', 'day'],
    ['下周三上午10:30', '2024-05-22T10:30:00+08:00', 'minute'],
    ['周日', '2024-05-19T00:00:00+08:00', 'day'],
    ['3天前', '2024-05-12T00:00:00+08:00', 'day'],
    ['3天后下午两点', '2024-05-18T14:00:00+08:00', 'hour'],
    ['下个月5号', '2024-06-05T00:00:00+08:00', 'day'],
    ['5月3日晚上8点', '2024-05-03T20:00:00+08:00', 'hour'],
    ['2024年12月31日', '2024-12-31T00:00:00+08:00', 'day'],
    ['二〇二四年五月三日', '2024-05-03T00:00:00+08:00', 'day'],
    ['半小时后', '2024-05-15T10:30:00+08:00', 'minute'],
    ['中午12点', '2024-05-15T12:00:00+08:00', 'hour'],
    ['下周', '2024-05-20T00:00:00+08:00', 'week'],
  ])('%s → %s', (text, iso, grain) => {
    expect(resolve(text)).toEqual([{ text, iso, grain }]);
  });

  it('finds the expression inside a sentence', () => {
    expect(resolve('我上周五下的单，明天下午三点前能到吗')).toMatchObject([
      { text: '上周五', iso: '2024-05-10T00:00:00+08:00' },
      { text: '明天下午三点', iso: '2024-05-16T15:00:00+08:00' },
    ]);
  });

  it('does not read "a little" or greetings as times', () => {
    expect(resolve('快一点好吗')).toEqual([]);
    expect(resolve('早上好')).toEqual([]);
  });
});

describe('English dates and times', () => {
  it.each([
    ['tomorrow 3pm', '2024-05-16T15:00:00+08:00', 'hour'],
    ['next friday at 10am', '2024-05-24T10:00:00+08:00', 'hour'],
    ['last friday', '2024-05-10T00:00:00+08:00', 'day'],
    ['3 days ago', '2024-05-12T00:00:00+08:00', 'day'],
    ['in 2 hours', '2024-05-15T12:00:00+08:00', 'hour'],
    ['may 3rd', '2024-05-03T00:00:00+08:00', 'day'],
    ['2024-06-01', '2024-06-01T00:00:00+08:00', 'day'],
  ])('%s → %s', (text, iso, grain) => {
    expect(resolve(text)).toEqual([{ text, iso, grain }]);
  });
});

describe('time zones', () => {
  it('resolves against the customer zone, across daylight saving', () => {
    // 2024-03-09 12:00 in New York (EST); "tomorrow 3pm" is after the switch to EDT
    const ref = Date.parse('2024-03-09T12:00:00-05:00');
    expect(resolve('tomorrow 3pm', 'America/New_York', ref)[0]?.iso).toBe('2024-03-10T15:00:00-04:00');
  });

  it('falls back to Asia/Shanghai for an unknown zone', () => {
    expect(resolve('明天', 'Mars/Olympus')[0]?.iso).toBe('2024-05-16T00:00:00+08:00');
  });
});
