import { sql } from 'kysely';
import { AppError } from '../platform/errors.ts';
import { DAY, dayStart, HOUR, hourStart, weekStart } from './buckets.ts';
import type { Dimension, MetricDefinitions, MetricId } from './definitions.ts';
import type { Executor } from './executor.ts';
import { computeAll, type MetricValue } from './metrics.ts';
import { addSums, emptySums, SUM_COLUMNS, type Sums } from './sums.ts';

export type GroupBy = 'total' | 'hour' | 'day' | 'week' | Dimension;

export interface MetricsQuery {
  workspaceId: string;
  /** Epoch ms; conversations count by the hour they started, so the range is read in whole hours. */
  from: number;
  to: number;
  groupBy?: GroupBy;
  /** One dimension value (an agent reading their own figures, a channel …). */
  filter?: { dim: Dimension; value: string };
}

export interface MetricsRow {
  /** The bucket start (time groupings), the dimension value, or 'total'. */
  key: string | number;
  sums: Sums;
  metrics: Record<MetricId, MetricValue>;
}

/** Bounds that keep any range cheap: a ten-year range reads ≤ 4,000 day rows per dimension value. */
const MAX_HOUR_BUCKETS = 2_000;
const MAX_DAY_BUCKETS = 4_000;
const MAX_GROUPS = 1_000;

/** Metrics from the rollups: reads a bounded number of rows whatever the number of conversations. */
export async function queryMetrics(db: Executor, defs: MetricDefinitions, q: MetricsQuery): Promise<MetricsRow[]> {
  const groupBy = q.groupBy ?? 'total';
  const from = hourStart(q.from);
  const to = Math.ceil(q.to / HOUR) * HOUR;
  if (!(from < to)) throw new AppError('validation_failed', 'from must be before to');
  if (q.filter && groupBy !== 'total' && !isTime(groupBy) && groupBy !== q.filter.dim) {
    throw new AppError('validation_failed', 'Group by one dimension, or filter by the dimension you group by', {
      details: { groupBy, filter: q.filter.dim },
    });
  }
  const dim = q.filter?.dim ?? (isTime(groupBy) || groupBy === 'total' ? 'all' : groupBy);
  const value = q.filter?.value;

  if (groupBy === 'hour') {
    if ((to - from) / HOUR > MAX_HOUR_BUCKETS) throw tooLong('hour', MAX_HOUR_BUCKETS);
    return finish(await sumRows(db, q.workspaceId, 'h', dim, from, to, value, 'bucket'));
  }
  if (groupBy === 'day' || groupBy === 'week') {
    const first = dayStart(from, defs.utcOffsetMinutes);
    if ((to - first) / DAY > MAX_DAY_BUCKETS) throw tooLong('day', MAX_DAY_BUCKETS);
    const days = await sumRows(db, q.workspaceId, 'd', dim, first, to, value, 'bucket');
    if (groupBy === 'day') return finish(days);
    const weeks = new Map<number, Sums>();
    for (const row of days) {
      const week = weekStart(Number(row.key), defs.utcOffsetMinutes);
      weeks.set(week, addSums(weeks.get(week) ?? emptySums(), row.sums));
    }
    return finish([...weeks].map(([key, sums]) => ({ key, sums })));
  }

  // Totals and breakdowns: whole days from the day rows, the ragged hours at either end from the hour rows.
  const by = groupBy === 'total' ? undefined : 'dim_value';
  const dayFrom = dayStart(from + DAY - 1, defs.utcOffsetMinutes);
  const dayTo = dayStart(to, defs.utcOffsetMinutes);
  const parts: Array<{ key: string | number; sums: Sums }> = [];
  if (dayFrom < dayTo) {
    if ((dayTo - dayFrom) / DAY > MAX_DAY_BUCKETS) throw tooLong('day', MAX_DAY_BUCKETS);
    parts.push(...(await sumRows(db, q.workspaceId, 'd', dim, dayFrom, dayTo, value, by)));
    if (from < dayFrom) parts.push(...(await sumRows(db, q.workspaceId, 'h', dim, from, dayFrom, value, by)));
    if (dayTo < to) parts.push(...(await sumRows(db, q.workspaceId, 'h', dim, dayTo, to, value, by)));
  } else {
    parts.push(...(await sumRows(db, q.workspaceId, 'h', dim, from, to, value, by)));
  }
  const merged = new Map<string | number, Sums>();
  for (const part of parts) merged.set(part.key, addSums(merged.get(part.key) ?? emptySums(), part.sums));
  if (groupBy === 'total' && merged.size === 0) merged.set('total', emptySums());
  const rows = [...merged].map(([key, sums]) => ({ key, sums }));
  rows.sort((a, b) => b.sums.conversations - a.sums.conversations);
  return finish(rows.slice(0, MAX_GROUPS));
}

const isTime = (g: GroupBy): g is 'hour' | 'day' | 'week' => g === 'hour' || g === 'day' || g === 'week';

function tooLong(grain: string, max: number): AppError {
  return new AppError('validation_failed', `Too many ${grain} buckets for this range (at most ${max})`, {
    details: { grain, max },
  });
}

function finish(rows: Array<{ key: string | number; sums: Sums }>): MetricsRow[] {
  return rows.map((row) => ({ ...row, metrics: computeAll(row.sums) }));
}

async function sumRows(
  db: Executor,
  workspaceId: string,
  grain: 'h' | 'd',
  dim: string,
  from: number,
  to: number,
  value: string | undefined,
  by: 'bucket' | 'dim_value' | undefined,
): Promise<Array<{ key: string | number; sums: Sums }>> {
  let query = db
    .selectFrom('analytics_rollups')
    .where('workspace_id', '=', workspaceId)
    .where('grain', '=', grain)
    .where('dim', '=', dim)
    .where('bucket', '>=', from)
    .where('bucket', '<', to);
  if (value !== undefined) query = query.where('dim_value', '=', value);
  const sums = SUM_COLUMNS.map((c) => sql<number>`cast(sum(${sql.ref(c)}) as bigint)`.as(c));
  const rows = by
    ? await query
        .select(sql<string | number>`${sql.ref(by)}`.as('key'))
        .select(sums)
        .groupBy(by)
        .orderBy(by)
        .execute()
    : await query.select(sums).execute();
  return rows
    .filter((row) => row[SUM_COLUMNS[0]] !== null)
    .map((row) => {
      const out = emptySums();
      for (const column of SUM_COLUMNS) out[column] = Number(row[column] ?? 0);
      const key = 'key' in row ? (by === 'bucket' ? Number(row.key) : String(row.key)) : 'total';
      return { key, sums: out };
    });
}
