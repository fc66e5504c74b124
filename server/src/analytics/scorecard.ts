import { z } from 'zod';
import { fromJson, toJson } from '../platform/db/dialect.ts';
import { newId } from '../platform/ids.ts';
import { METRIC_IDS, METRICS, type MetricDefinitions, type MetricId } from './definitions.ts';
import type { Executor } from './executor.ts';
import type { MetricValue } from './metrics.ts';
import { queryMetrics } from './query.ts';
import { listTargets } from './targets.ts';

/** Weights by metric; only the metrics named take part. */
export const Weights = z
  .partialRecord(z.enum(METRIC_IDS), z.number().min(0).max(100))
  .refine((w) => Object.values(w).some((v) => v > 0), 'at least one weight above zero');
export type Weights = Partial<Record<MetricId, number>>;

/** Sensible starting weights; a workspace saves its own per scenario. The bot has its own card. */
export const DEFAULT_WEIGHTS: Record<string, Weights> = {
  pre_sales: { frt_human: 3, resolution_rate: 2, csat: 3, abandonment: 2 },
  after_sales: { fcr: 3, aht: 2, csat: 3, reopen_rate: 2 },
  complaints: { sentiment_change: 3, csat: 3, sla_attainment: 2, resolution_rate: 2 },
  all: { resolution_rate: 1, csat: 1, frt_human: 1, service_level: 1 },
  bot: { containment: 4, knowledge_gap_rate: 2, transfer_rate: 2, csat: 2 },
};

export async function weightsFor(db: Executor, workspaceId: string, scenario: string): Promise<Weights> {
  const row = await db
    .selectFrom('analytics_scorecards')
    .select('weights')
    .where('workspace_id', '=', workspaceId)
    .where('scenario', '=', scenario)
    .executeTakeFirst();
  return row ? fromJson<Weights>(row.weights, {}) : (DEFAULT_WEIGHTS[scenario] ?? (DEFAULT_WEIGHTS.all as Weights));
}

export async function saveWeights(db: Executor, workspaceId: string, scenario: string, weights: Weights, now: number) {
  await db
    .insertInto('analytics_scorecards')
    .values({ id: newId('scd'), workspace_id: workspaceId, scenario, weights: toJson(weights), updated_at: now })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'scenario']).doUpdateSet({ weights: toJson(weights), updated_at: now }),
    )
    .execute();
}

/**
 * One metric on a 0–100 scale. Against a target: attainment (value/target, or target/value when lower is better),
 * capped at 100. Without one: ratios as percentages (inverted when lower is better), NPS mapped from −100…100;
 * durations without a target have no natural scale and are left out.
 */
export function normalise(metric: MetricId, value: number | null, target: number | undefined): number | null {
  if (value === null) return null;
  const info = METRICS[metric];
  if (target !== undefined && target !== 0) {
    const attainment = info.higherIsBetter ? value / target : value === 0 ? 1 : target / value;
    return Math.max(0, Math.min(1, attainment)) * 100;
  }
  if (info.unit === 'ratio') return (info.higherIsBetter ? value : 1 - value) * 100;
  if (metric === 'nps') return (value + 100) / 2;
  if (metric === 'sentiment_change') return Math.max(0, Math.min(100, (value + 1) * 50));
  return null;
}

export interface Score {
  subject: string;
  score: number | null;
  parts: Array<{ metric: MetricId; value: number | null; normalised: number | null; weight: number }>;
}

/** The weighted mean of the normalised metrics that have a value; weights of missing metrics drop out. */
export function scoreOf(
  subject: string,
  metrics: Record<MetricId, MetricValue>,
  weights: Weights,
  targets: Map<string, number>,
): Score {
  let total = 0;
  let weightSum = 0;
  const parts: Score['parts'] = [];
  for (const [metric, weight] of Object.entries(weights) as Array<[MetricId, number]>) {
    const value = metrics[metric].value;
    const normalised = normalise(metric, value, targets.get(metric));
    parts.push({ metric, value, normalised, weight });
    if (normalised === null || weight <= 0) continue;
    total += normalised * weight;
    weightSum += weight;
  }
  return { subject, score: weightSum > 0 ? total / weightSum : null, parts };
}

export interface Scorecards {
  scenario: string;
  weights: Weights;
  agents: Score[];
  teams: Score[];
  bot: Score;
}

/** Scores every agent and team under a scenario's weights, and the bot under its own. */
export async function computeScorecards(
  db: Executor,
  defs: MetricDefinitions,
  input: { workspaceId: string; scenario: string; from: number; to: number },
): Promise<Scorecards> {
  const [weights, botWeights, targets] = await Promise.all([
    weightsFor(db, input.workspaceId, input.scenario),
    weightsFor(db, input.workspaceId, 'bot'),
    listTargets(db, input.workspaceId),
  ]);
  const forScenario = (scenario: string) =>
    new Map(targets.filter((t) => t.scenario === scenario).map((t) => [t.metric as string, t.value]));
  const scenarioTargets = forScenario(input.scenario);
  const range = { workspaceId: input.workspaceId, from: input.from, to: input.to };
  const [agents, teams, all] = await Promise.all([
    queryMetrics(db, defs, { ...range, groupBy: 'agent' }),
    queryMetrics(db, defs, { ...range, groupBy: 'team' }),
    queryMetrics(db, defs, range),
  ]);
  const score = (rows: typeof agents) =>
    rows
      .filter((r) => r.key !== '')
      .map((r) => scoreOf(String(r.key), r.metrics, weights, scenarioTargets))
      .sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
  const botMetrics = all[0]?.metrics;
  return {
    scenario: input.scenario,
    weights,
    agents: score(agents),
    teams: score(teams),
    bot: botMetrics
      ? scoreOf('bot', botMetrics, botWeights, forScenario('bot'))
      : { subject: 'bot', score: null, parts: [] },
  };
}
