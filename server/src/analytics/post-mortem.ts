import { sql } from 'kysely';
import { AppError } from '../platform/errors.ts';
import { DAY, HOUR, hourStart } from './buckets.ts';
import type { MetricDefinitions, MetricId } from './definitions.ts';
import { drillDown } from './drilldown.ts';
import type { Executor } from './executor.ts';
import { BOT_FAILURE_CAUSES, type BotFailureCause, type ConversationFact } from './fact.ts';
import type { MetricValue } from './metrics.ts';
import { queryMetrics } from './query.ts';

const MAX_RANGE = 366 * DAY;
const COMPARED: MetricId[] = ['containment', 'transfer_rate', 'knowledge_gap_rate', 'csat', 'resolution_rate'];

export interface PostMortem {
  botConversations: number;
  failed: number;
  causes: Array<{ cause: BotFailureCause; count: number; examples: ConversationFact[] }>;
  /** Before/after each knowledge-base or model change in the range: a week either side (the change's hour left out). */
  changes: Array<{
    marker: { kind: string; version: string; note: string; at: number };
    before: Record<string, MetricValue>;
    after: Record<string, MetricValue>;
    failuresBefore: number;
    failuresAfter: number;
  }>;
}

/**
 * Every conversation the bot failed, by cause (classified when its fact was folded, see fold.ts), with counts,
 * a few examples each, and a comparison around every knowledge or model change.
 */
export async function botPostMortem(
  db: Executor,
  defs: MetricDefinitions,
  input: { workspaceId: string; from: number; to: number; examples?: number },
): Promise<PostMortem> {
  if (input.to - input.from > MAX_RANGE) {
    throw new AppError('validation_failed', 'A post-mortem covers at most a year', { details: { maxDays: 366 } });
  }
  const counts = await failureCounts(db, input.workspaceId, input.from, input.to);
  const causes = await Promise.all(
    BOT_FAILURE_CAUSES.map(async (cause) => ({
      cause,
      count: counts.get(cause) ?? 0,
      examples: counts.get(cause)
        ? (
            await drillDown(db, {
              workspaceId: input.workspaceId,
              metric: 'conversations',
              from: input.from,
              to: input.to,
              botFailure: cause,
              limit: input.examples ?? 3,
            })
          ).conversations
        : [],
    })),
  );
  const [total] = await queryMetrics(db, defs, input);
  const markers = await db
    .selectFrom('analytics_markers')
    .selectAll()
    .where('workspace_id', '=', input.workspaceId)
    .where('at', '>=', input.from)
    .where('at', '<', input.to)
    .orderBy('at', 'desc')
    .limit(10)
    .execute();
  const changes = await Promise.all(
    markers.map(async (m) => {
      const at = Number(m.at);
      // Rollups are hourly: the hour of the change belongs to neither side.
      const cut = hourStart(at);
      const window = (from: number, to: number) => queryMetrics(db, defs, { workspaceId: input.workspaceId, from, to });
      const [[before], [after], failedBefore, failedAfter] = await Promise.all([
        window(cut - 7 * DAY, cut),
        window(cut + HOUR, cut + HOUR + 7 * DAY),
        failureCounts(db, input.workspaceId, cut - 7 * DAY, cut),
        failureCounts(db, input.workspaceId, cut + HOUR, cut + HOUR + 7 * DAY),
      ]);
      const pick = (row: typeof before) =>
        Object.fromEntries(COMPARED.map((id) => [id, row?.metrics[id] ?? { value: null, base: 0 }]));
      return {
        marker: { kind: m.kind, version: m.version, note: m.note, at },
        before: pick(before),
        after: pick(after),
        failuresBefore: sum(failedBefore),
        failuresAfter: sum(failedAfter),
      };
    }),
  );
  return {
    botConversations: total?.sums.bot_involved ?? 0,
    failed: sum(counts),
    causes,
    changes,
  };
}

async function failureCounts(db: Executor, workspaceId: string, from: number, to: number) {
  const rows = await db
    .selectFrom('analytics_facts')
    .select(['bot_failure', sql<number>`count(*)`.as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .where('bot_failure', '!=', '')
    .groupBy('bot_failure')
    .execute();
  return new Map(rows.map((r) => [r.bot_failure, Number(r.n)]));
}

const sum = (counts: Map<string, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);
