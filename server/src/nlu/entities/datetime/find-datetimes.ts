// Finds date/time expressions and resolves them against a reference instant in an IANA time zone.
import type { DateTimeGrain, DateTimeValue } from '../../types.ts';
import type { Match } from '../builtin/match.ts';
import { chineseDateParts, chineseRelativeParts, chineseTimeParts } from './chinese.ts';
import { englishDateParts, englishRelativeParts, englishTimeParts } from './english.ts';
import { type DatePart, dateOnly, PERIOD_DEFAULT_HOUR, type RelativePart, type TimePart, to24h } from './parts.ts';
import { addToWall, epochOfWallTime, isoInZone, safeTimeZone, type WallTime, wallTimeAt, weekdayOf } from './zone.ts';

/** What may stand between a date and its time: "明天 下午三点", "明天的三点", "tomorrow at 3pm", "3pm, tomorrow". */
const JOINER = /^ ?(?:的|at|on|,|，)? ?$/;

const UNIT_HOURS = { day: 24, week: 168, month: 720, year: 8760 } as const;

/** A message never holds more; the cap keeps pathological input (5,000 × "三点") from costing seconds. */
const MAX_PARTS = 64;

/** Keeps the longest of overlapping parts (5月3日 over 3日, 下周五 over 周五). */
function longest<T extends { start: number; end: number }>(parts: T[]): T[] {
  const sorted = [...parts].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: T[] = [];
  const taken = new Uint8Array(parts.reduce((max, p) => Math.max(max, p.end), 0));
  for (const p of sorted) {
    let free = true;
    for (let i = p.start; i < p.end && free; i++) if (taken[i]) free = false;
    if (!free) continue;
    taken.fill(1, p.start, p.end);
    kept.push(p);
  }
  return kept.sort((a, b) => a.start - b.start).slice(0, MAX_PARTS);
}

/** Day-sized relative expressions ("3天后") behave like dates so a time can follow them ("3天后下午两点"). */
function relativeAsDate(r: RelativePart): DatePart | undefined {
  if (r.unit === 'minute' || r.unit === 'hour' || !Number.isInteger(r.amount)) return undefined;
  const grain: DateTimeGrain = r.unit === 'week' ? 'day' : r.unit;
  return {
    start: r.start,
    end: r.end,
    resolve: (today) => {
      const delta = r.unit === 'week' ? { day: 7 * r.amount } : { [r.unit]: r.amount };
      return { date: addToWall(dateOnly(today), delta), grain: grain === 'year' || grain === 'month' ? 'day' : grain };
    },
  };
}

export function findDateTimes(text: string, referenceTime: number, timeZone: string | undefined): Match[] {
  const relatives = [...chineseRelativeParts(text), ...englishRelativeParts(text)].slice(0, MAX_PARTS);
  const dates = longest([
    ...chineseDateParts(text),
    ...englishDateParts(text),
    ...relatives.map(relativeAsDate).filter((d): d is DatePart => d !== undefined),
  ]);
  const times = longest([...chineseTimeParts(text), ...englishTimeParts(text)]);
  // Most messages name no time at all: the wall clock (Intl, the costly part) is read only when something resolves.
  if (relatives.length === 0 && dates.length === 0 && times.length === 0) return [];
  const zone = safeTimeZone(timeZone);
  const ref = Number.isFinite(referenceTime) ? referenceTime : Date.now();
  const today = wallTimeAt(ref, zone);
  const weekday = weekdayOf(today);
  const out: Match[] = [];
  const usedTimes = new Set<TimePart>();

  const emit = (start: number, end: number, wall: WallTime, grain: DateTimeGrain) => {
    const value: DateTimeValue = { iso: isoInZone(epochOfWallTime(wall, zone), zone), grain };
    out.push({ type: 'datetime', start, end, value, confidence: 0.9, priority: 5 });
  };
  const withTime = (date: WallTime, time: TimePart, fallback: DatePart['period']) => {
    const period = time.period ?? fallback;
    if (time.hour === undefined) {
      return { wall: { ...date, hour: PERIOD_DEFAULT_HOUR[period ?? 'morning'] }, grain: 'hour' as const };
    }
    const hour = to24h(time.hour, period);
    const wall =
      hour === 24
        ? addToWall({ ...date, hour: 0, minute: time.minute }, { day: 1 })
        : { ...date, hour, minute: time.minute };
    return { wall, grain: (time.minute === 0 ? 'hour' : 'minute') as DateTimeGrain };
  };

  for (const d of dates) {
    const { date, grain } = d.resolve(today, weekday);
    const after = times.find((t) => !usedTimes.has(t) && t.start >= d.end && JOINER.test(text.slice(d.end, t.start)));
    const before = times.find(
      (t) => !usedTimes.has(t) && t.end <= d.start && t.hour !== undefined && JOINER.test(text.slice(t.end, d.start)),
    );
    const time = after ?? before;
    if (time && grain === 'day') {
      usedTimes.add(time);
      const joined = withTime(date, time, d.period);
      emit(Math.min(d.start, time.start), Math.max(d.end, time.end), joined.wall, joined.grain);
    } else if (d.period && grain === 'day') {
      emit(d.start, d.end, { ...date, hour: PERIOD_DEFAULT_HOUR[d.period] }, 'hour');
    } else {
      emit(d.start, d.end, date, grain);
    }
  }
  for (const t of times) {
    // a bare part of the day ("下午", "morning") is too vague alone: "早上好" is a greeting, not a time
    if (usedTimes.has(t) || t.hour === undefined) continue;
    const joined = withTime(dateOnly(today), t, undefined);
    emit(t.start, t.end, joined.wall, joined.grain);
  }
  for (const r of relatives) {
    if (relativeAsDate(r)) continue;
    const hours = r.unit === 'minute' ? r.amount / 60 : r.unit === 'hour' ? r.amount : r.amount * UNIT_HOURS[r.unit];
    const instant = ref + hours * 3_600_000;
    const grain: DateTimeGrain = r.unit === 'minute' || !Number.isInteger(hours) ? 'minute' : 'hour';
    out.push({
      type: 'datetime',
      start: r.start,
      end: r.end,
      value: { iso: isoInZone(instant, zone), grain },
      confidence: 0.9,
      priority: 5,
    });
  }
  return out;
}
