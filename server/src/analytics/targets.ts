import { z } from 'zod';
import { newId } from '../platform/ids.ts';
import { WEEK, weekStart } from './buckets.ts';
import { METRIC_IDS, METRICS, type MetricDefinitions, type MetricId } from './definitions.ts';
import type { Executor } from './executor.ts';
import { queryMetrics } from './query.ts';

/**
 * Targets per metric and scenario. A scenario is a team queue (pre_sales, after_sales, complaints …); `all` is the
 * whole workspace.
 */
export const Scenario = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
export const TargetInput = z.strictObject({
  metric: z.enum(METRIC_IDS),
  scenario: Scenario.default('all'),
  value: z.number().finite(),
  source: z.enum(['manual', 'history', 'benchmark']).default('manual'),
});
export type TargetInput = z.infer<typeof TargetInput>;

export interface Target {
  metric: MetricId;
  scenario: string;
  value: number;
  source: string;
  updatedAt: number;
}

export async function listTargets(db: Executor, workspaceId: string): Promise<Target[]> {
  const rows = await db
    .selectFrom('analytics_targets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('metric')
    .orderBy('scenario')
    .execute();
  return rows.map((r) => ({
    metric: r.metric as MetricId,
    scenario: r.scenario,
    value: Number(r.value),
    source: r.source,
    updatedAt: Number(r.updated_at),
  }));
}

export async function setTarget(db: Executor, workspaceId: string, input: TargetInput, now: number): Promise<void> {
  await db
    .insertInto('analytics_targets')
    .values({ id: newId('tgt'), workspace_id: workspaceId, ...input, updated_at: now })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'metric', 'scenario'])
        .doUpdateSet({ value: input.value, source: input.source, updated_at: now }),
    )
    .execute();
}

export async function removeTarget(db: Executor, workspaceId: string, metric: string, scenario: string) {
  const result = await db
    .deleteFrom('analytics_targets')
    .where('workspace_id', '=', workspaceId)
    .where('metric', '=', metric)
    .where('scenario', '=', scenario)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface Suggestion {
  metric: MetricId;
  scenario: string;
  value: number | null;
  source: 'history' | 'benchmark';
  /** The weekly values it was drawn from, oldest first. */
  weeks: Array<{ week: number; value: number | null }>;
  median: number | null;
}

/**
 * Suggests a target. From history: the level reached in the best quarter of the recent complete weeks (the 75th
 * percentile when higher is better, the 25th when lower is better): attainable, because it happened, and a stretch.
 * From a benchmark the manager enters: the benchmark, with the history beside it so the gap is visible.
 */
export async function suggestTarget(
  db: Executor,
  defs: MetricDefinitions,
  input: { workspaceId: string; metric: MetricId; scenario: string; now: number; weeks?: number; benchmark?: number },
): Promise<Suggestion> {
  const count = Math.min(Math.max(input.weeks ?? 8, 1), 52);
  const to = weekStart(input.now, defs.utcOffsetMinutes);
  const rows = await queryMetrics(db, defs, {
    workspaceId: input.workspaceId,
    from: to - count * WEEK,
    to,
    groupBy: 'week',
    ...(input.scenario === 'all' ? {} : { filter: { dim: 'team' as const, value: input.scenario } }),
  });
  const byWeek = new Map(rows.map((r) => [Number(r.key), r.metrics[input.metric].value]));
  const weeks = Array.from({ length: count }, (_, i) => {
    const week = to - (count - i) * WEEK;
    return { week, value: byWeek.get(week) ?? null };
  });
  const values = weeks.flatMap((w) => (w.value === null ? [] : [w.value]));
  const median = quantile(values, 0.5);
  if (input.benchmark !== undefined) {
    return {
      metric: input.metric,
      scenario: input.scenario,
      value: input.benchmark,
      source: 'benchmark',
      weeks,
      median,
    };
  }
  const q = METRICS[input.metric].higherIsBetter ? 0.75 : 0.25;
  return {
    metric: input.metric,
    scenario: input.scenario,
    value: quantile(values, q),
    source: 'history',
    weeks,
    median,
  };
}

/** Linear-interpolated quantile; null for no values. */
export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (position - low);
}

export interface Progress {
  target: number;
  /** True when the value meets the target in the metric's good direction. */
  met: boolean;
  /** value/target (higher is better) or target/value (lower is better), capped at 2. */
  attainment: number;
}

export function progressOf(metric: MetricId, value: number | null, target: number | undefined): Progress | null {
  if (target === undefined || value === null) return null;
  const higher = METRICS[metric].higherIsBetter;
  const met = higher ? value >= target : value <= target;
  let attainment: number;
  if (higher) attainment = target === 0 ? (value >= 0 ? 1 : 0) : value / target;
  else attainment = value === 0 ? 2 : target / value;
  return { target, met, attainment: Math.max(0, Math.min(2, attainment)) };
}
