// Wall-clock time in an IANA time zone through Intl (no date library): what "明天下午三点" means depends on
// where the customer is, and daylight-saving zones must resolve to the right instant.

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone if Intl knows it, else the default (understanding must not fail on a bad setting). */
export function safeTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return DEFAULT_TIME_ZONE;
  try {
    formatter(timeZone);
    return timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year as number,
    month: parts.month as number,
    day: parts.day as number,
    hour: (parts.hour as number) % 24,
    minute: parts.minute as number,
    second: parts.second as number,
  };
}

function utcOf(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Offset of the zone from UTC at an instant, in minutes. */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  const wall = wallTimeAt(epochMs, timeZone);
  return Math.round((utcOf(wall) - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** The instant a wall-clock time happens in the zone (the later one in a DST gap, the first in an overlap). */
export function epochOfWallTime(w: WallTime, timeZone: string): number {
  const naive = utcOf(w);
  const first = naive - offsetMinutes(naive, timeZone) * 60_000;
  return naive - offsetMinutes(first, timeZone) * 60_000;
}

/** ISO-8601 with the zone's offset, e.g. 2024-05-10T15:00:00+08:00. */
export function isoInZone(epochMs: number, timeZone: string): string {
  const w = wallTimeAt(epochMs, timeZone);
  const off = offsetMinutes(epochMs, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p2(w.month)}-${p2(w.day)}T${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)}${sign}${p2(Math.floor(abs / 60))}:${p2(abs % 60)}`;
}

/** Calendar arithmetic on a wall time (day overflow handled by Date.UTC). */
export function addToWall(w: WallTime, delta: Partial<WallTime>): WallTime {
  const monthTotal = w.month - 1 + (delta.month ?? 0) + 12 * (delta.year ?? 0);
  const year = w.year + Math.floor(monthTotal / 12);
  const month = (((monthTotal % 12) + 12) % 12) + 1;
  // keep the day inside the target month (Jan 31 + 1 month = Feb 28/29)
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const base = Date.UTC(year, month - 1, Math.min(w.day, lastDay), w.hour, w.minute, w.second);
  const t = new Date(base + ((delta.day ?? 0) * 86_400 + (delta.hour ?? 0) * 3600 + (delta.minute ?? 0) * 60) * 1000);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
  };
}

/** 1 = Monday … 7 = Sunday, the Chinese week. */
export function weekdayOf(w: WallTime): number {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  return d === 0 ? 7 : d;
}
