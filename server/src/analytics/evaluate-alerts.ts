import { fromJson, isUniqueViolation, toJson } from '../platform/db/dialect.ts';
import { newId } from '../platform/ids.ts';
import { type AlertRule, listAlertRules, saveRuleState } from './alert-rules.ts';
import { HOUR, hourStart, WEEK } from './buckets.ts';
import { METRICS, type MetricDefinitions, type MetricId } from './definitions.ts';
import { getDefinitions } from './definitions-store.ts';
import { type AlertDelivery, type AlertMessage, deliverAlert } from './deliver.ts';
import type { Executor } from './executor.ts';
import { computeMetric } from './metrics.ts';
import { queryMetrics } from './query.ts';
import { listTargets } from './targets.ts';
import { windowSums } from './window.ts';

const MINUTE = 60_000;

interface Check {
  breached: boolean;
  value: number | null;
  threshold: number | null;
  metric: string;
  detail: string;
}

/**
 * Evaluates every enabled rule at one scheduler slot. Idempotent per slot: an alert is keyed by (rule, slot), so a
 * slot run twice (at-least-once jobs, several cron instances) fires once. While a workspace's facts are being rebuilt
 * under an edited definition its rules wait, and a breach that started under an older definition starts over.
 */
export async function evaluateAlerts(
  ctx: { db: Executor },
  slot: number,
  delivery: AlertDelivery = {},
): Promise<{ evaluated: number; fired: string[] }> {
  const rules = (await listAlertRules(ctx.db)).filter((r) => r.enabled);
  const defsCache = new Map<string, Awaited<ReturnType<typeof getDefinitions>>>();
  const fired: string[] = [];
  let evaluated = 0;
  for (const rule of rules) {
    let defs = defsCache.get(rule.workspaceId);
    if (!defs) {
      defs = await getDefinitions(ctx.db, rule.workspaceId);
      defsCache.set(rule.workspaceId, defs);
    }
    if (defs.rebuiltVersion < defs.version) continue;
    evaluated += 1;
    const check = await checkRule(ctx.db, defs, rule, slot);
    if (!check.breached) {
      if (rule.breachSince !== null) await saveRuleState(ctx.db, rule.id, { breachSince: null, breachVersion: null });
      continue;
    }
    const since = rule.breachSince !== null && rule.breachVersion === defs.version ? rule.breachSince : slot;
    const forMs = rule.rule.kind === 'threshold' ? rule.rule.forMinutes * MINUTE : 0;
    const cooled = rule.lastFiredAt === null || slot - rule.lastFiredAt >= rule.rule.cooldownMinutes * MINUTE;
    if (slot - since < forMs || !cooled) {
      await saveRuleState(ctx.db, rule.id, { breachSince: since, breachVersion: defs.version });
      continue;
    }
    const alert = await recordAlert(ctx.db, rule, slot, check);
    await saveRuleState(ctx.db, rule.id, { breachSince: since, breachVersion: defs.version, lastFiredAt: slot });
    if (!alert) continue;
    fired.push(alert.id);
    const results = await deliverAlert(delivery, alert, rule.rule.channels);
    await ctx.db
      .updateTable('analytics_alerts')
      .set({ deliveries: toJson(results) })
      .where('id', '=', alert.id)
      .execute();
  }
  return { evaluated, fired };
}

async function checkRule(db: Executor, defs: MetricDefinitions, rule: AlertRule, slot: number): Promise<Check> {
  const r = rule.rule;
  const window = r.windowMinutes * MINUTE;
  const current = await windowSums(db, rule.workspaceId, slot - window, slot);
  if (r.kind === 'intent_spike') {
    const baselineFrom = hourStart(slot - r.baselineDays * 24 * HOUR);
    const baselineTo = hourStart(slot - window);
    const usual = await queryMetrics(db, defs, {
      workspaceId: rule.workspaceId,
      from: baselineFrom,
      to: Math.max(baselineTo, baselineFrom + HOUR),
      groupBy: 'intent',
    });
    const perWindow = new Map(
      usual.map((u) => [String(u.key), (u.sums.conversations * window) / Math.max(HOUR, baselineTo - baselineFrom)]),
    );
    let worst: Check = { breached: false, value: null, threshold: null, metric: 'intent', detail: '' };
    for (const [intent, count] of current.intents) {
      const expected = Math.max(1, perWindow.get(intent) ?? 0);
      if (count >= r.minCount && count >= r.factor * expected && (worst.value ?? 0) < count) {
        worst = { breached: true, value: count, threshold: r.factor * expected, metric: 'intent', detail: intent };
      }
    }
    return worst;
  }
  const value = computeMetric(r.metric, current.sums);
  const none = { breached: false, value: value.value, threshold: null, metric: r.metric, detail: '' };
  if (value.value === null || value.base < r.minBase) return none;
  if (r.kind === 'last_week') {
    const before = await windowSums(db, rule.workspaceId, slot - WEEK - window, slot - WEEK);
    const previous = computeMetric(r.metric, before.sums);
    if (previous.value === null || previous.base < r.minBase) return none;
    const worse = METRICS[r.metric].higherIsBetter
      ? value.value < previous.value - r.drop
      : value.value > previous.value + r.drop;
    return { ...none, breached: worse, threshold: previous.value, detail: 'same window last week' };
  }
  const threshold = r.threshold ?? (await targetFor(db, rule.workspaceId, r.metric, r.scenario));
  if (threshold === undefined) return none;
  const breached = r.comparator === 'below' ? value.value < threshold : value.value > threshold;
  return { ...none, breached, threshold };
}

async function targetFor(db: Executor, workspaceId: string, metric: MetricId, scenario: string) {
  return (await listTargets(db, workspaceId)).find((t) => t.metric === metric && t.scenario === scenario)?.value;
}

/** Writes the alert and its console notification once per (rule, slot); undefined when this slot already fired. */
async function recordAlert(
  db: Executor,
  rule: AlertRule,
  slot: number,
  check: Check,
): Promise<AlertMessage | undefined> {
  const info = check.metric === 'intent' ? undefined : METRICS[check.metric as MetricId];
  const label = info ? `${info.name.zh} / ${info.name.en}` : `意图激增 / Intent spike: ${check.detail}`;
  const alert: AlertMessage = {
    id: newId('alt'),
    workspaceId: rule.workspaceId,
    ruleId: rule.id,
    title: `${rule.rule.name} — ${label}`,
    body: `${label}: ${format(check.value)} (${check.detail || rule.rule.kind} ${format(check.threshold)}), ${new Date(slot).toISOString()}`,
    metric: check.metric,
    value: check.value,
    threshold: check.threshold,
    firedAt: slot,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('analytics_alerts')
        .values({
          id: alert.id,
          workspace_id: alert.workspaceId,
          rule_id: rule.id,
          slot,
          fired_at: slot,
          metric: alert.metric,
          value: alert.value,
          threshold: alert.threshold,
          message: alert.body,
          deliveries: '[]',
        })
        .execute();
      if (rule.rule.channels.console) {
        await trx
          .insertInto('analytics_notifications')
          .values({
            id: newId('ntf'),
            workspace_id: alert.workspaceId,
            alert_id: alert.id,
            title: alert.title,
            body: alert.body,
            created_at: slot,
            read_at: null,
          })
          .execute();
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
  return alert;
}

const format = (value: number | null): string => (value === null ? '—' : String(Math.round(value * 1000) / 1000));

export async function listAlerts(db: Executor, workspaceId: string, limit = 100) {
  const rows = await db
    .selectFrom('analytics_alerts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('fired_at', 'desc')
    .limit(Math.min(limit, 500))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ruleId: r.rule_id,
    firedAt: Number(r.fired_at),
    metric: r.metric,
    value: r.value === null ? null : Number(r.value),
    threshold: r.threshold === null ? null : Number(r.threshold),
    message: r.message,
    deliveries: fromJson<unknown[]>(r.deliveries, []),
  }));
}
