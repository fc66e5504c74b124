import type { Dimension } from './definitions.ts';
import { DIMENSIONS } from './definitions.ts';
import type { ConversationFact } from './fact.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

export type Grain = 'h' | 'd';

export const hourStart = (t: number): number => Math.floor(t / HOUR) * HOUR;

/** Days are cut at the workspace's UTC offset, so "today" in Shanghai is one bucket. */
export function dayStart(t: number, utcOffsetMinutes: number): number {
  const offset = utcOffsetMinutes * 60_000;
  return Math.floor((t + offset) / DAY) * DAY - offset;
}

/** Weeks start on Monday (1970-01-01 was a Thursday, hence the 3). */
export function weekStart(t: number, utcOffsetMinutes: number): number {
  const offset = utcOffsetMinutes * 60_000;
  const day = Math.floor((t + offset) / DAY);
  return (day - ((day + 3) % 7)) * DAY - offset;
}

export interface RollupKey {
  grain: Grain;
  bucket: number;
  dim: 'all' | Dimension;
  value: string;
}

/** Where one conversation counts: its start hour and day, once overall and once per dimension value. */
export function rollupKeys(fact: ConversationFact, day: number): RollupKey[] {
  const keys: RollupKey[] = [];
  for (const [grain, bucket] of [
    ['h', hourStart(fact.startedAt)],
    ['d', day],
  ] as const) {
    keys.push({ grain, bucket, dim: 'all', value: '' });
    for (const dim of DIMENSIONS) keys.push({ grain, bucket, dim, value: fact[dim] });
  }
  return keys;
}

export const keyString = (k: RollupKey): string => `${k.grain}|${k.bucket}|${k.dim}|${k.value}`;
