import { z } from 'zod';
import { fromFlag, fromJson, toFlag, toJson } from '../platform/db/dialect.ts';
import { notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { METRIC_IDS } from './definitions.ts';
import type { Executor } from './executor.ts';

const Channels = z.strictObject({
  console: z.boolean().default(true),
  emails: z.array(z.email().max(200)).max(20).default([]),
  webhooks: z
    .array(z.url({ protocol: /^https?$/ }).max(2000))
    .max(10)
    .default([]),
});

const Common = {
  name: z.string().trim().min(1).max(200),
  /** No second alert from this rule for this long after one fired. */
  cooldownMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  /** Ignore windows with fewer conversations behind the figure than this (noise). */
  minBase: z.number().int().min(1).max(100_000).default(5),
  windowMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  channels: Channels.default({ console: true, emails: [], webhooks: [] }),
};

/**
 * Alert rules. `threshold`: the metric over the last window is below/above a value (or its target) for `forMinutes`
 * ("resolution rate under target for 30 minutes", "p90 wait over 5 minutes"). `last_week`: the metric is worse than
 * the same window a week earlier by more than `drop` ("CSAT below the same hour last week"). `intent_spike`: one
 * intent's conversations in the window are `factor` times their usual rate (the first sign of an incident).
 */
export const AlertRuleInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('threshold'),
    ...Common,
    metric: z.enum(METRIC_IDS),
    comparator: z.enum(['below', 'above']),
    /** A fixed value, or absent to compare with the metric's target for `scenario`. */
    threshold: z.number().finite().optional(),
    scenario: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/)
      .default('all'),
    forMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(30),
  }),
  z.strictObject({
    kind: z.literal('last_week'),
    ...Common,
    metric: z.enum(METRIC_IDS),
    drop: z.number().min(0).default(0),
  }),
  z.strictObject({
    kind: z.literal('intent_spike'),
    ...Common,
    factor: z.number().min(1).max(1000).default(3),
    minCount: z.number().int().min(1).max(100_000).default(10),
    baselineDays: z.number().int().min(1).max(28).default(7),
  }),
]);
export type AlertRuleInput = z.infer<typeof AlertRuleInput>;

export interface AlertRule {
  id: string;
  workspaceId: string;
  rule: AlertRuleInput;
  enabled: boolean;
  breachSince: number | null;
  breachVersion: number | null;
  lastFiredAt: number | null;
}

type Row = {
  id: string;
  workspace_id: string;
  rule: string;
  enabled: number;
  breach_since: number | null;
  breach_version: number | null;
  last_fired_at: number | null;
};

function toRule(row: Row): AlertRule {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    rule: AlertRuleInput.parse(fromJson(row.rule, {})),
    enabled: fromFlag(row.enabled),
    breachSince: row.breach_since === null ? null : Number(row.breach_since),
    breachVersion: row.breach_version,
    lastFiredAt: row.last_fired_at === null ? null : Number(row.last_fired_at),
  };
}

export async function listAlertRules(db: Executor, workspaceId?: string): Promise<AlertRule[]> {
  let query = db.selectFrom('analytics_alert_rules').selectAll();
  if (workspaceId) query = query.where('workspace_id', '=', workspaceId);
  return (await query.orderBy('created_at').execute()).map(toRule);
}

export async function createAlertRule(db: Executor, workspaceId: string, input: AlertRuleInput, now: number) {
  const id = newId('alr');
  await db
    .insertInto('analytics_alert_rules')
    .values({
      id,
      workspace_id: workspaceId,
      rule: toJson(input),
      enabled: 1,
      breach_since: null,
      breach_version: null,
      last_fired_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Replacing a rule restarts its clock: a half-elapsed "for 30 minutes" under the old rule proves nothing. */
export async function updateAlertRule(
  db: Executor,
  workspaceId: string,
  id: string,
  input: AlertRuleInput,
  enabled: boolean,
  now: number,
) {
  const result = await db
    .updateTable('analytics_alert_rules')
    .set({ rule: toJson(input), enabled: toFlag(enabled), breach_since: null, breach_version: null, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('Alert rule');
}

export async function deleteAlertRule(db: Executor, workspaceId: string, id: string) {
  const result = await db
    .deleteFrom('analytics_alert_rules')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Alert rule');
}

export async function saveRuleState(
  db: Executor,
  id: string,
  state: { breachSince: number | null; breachVersion: number | null; lastFiredAt?: number },
) {
  await db
    .updateTable('analytics_alert_rules')
    .set({
      breach_since: state.breachSince,
      breach_version: state.breachVersion,
      ...(state.lastFiredAt === undefined ? {} : { last_fired_at: state.lastFiredAt }),
    })
    .where('id', '=', id)
    .execute();
}
