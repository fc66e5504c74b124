import { AppError } from '../platform/errors.ts';
import type { Dimension, MetricId } from './definitions.ts';
import type { Executor } from './executor.ts';
import type { ConversationFact } from './fact.ts';
import type { SumColumn } from './sums.ts';

/**
 * Which conversations stand behind each metric: the `base` (its denominator) and the `part` that counts towards it
 * (its numerator). A drill-down lists the base, or only the part (`hit`), or only the rest (`miss`).
 */
export const DRILL: Record<MetricId, { base: SumColumn; part?: SumColumn }> = {
  frt_bot: { base: 'bot_frt_n' },
  frt_human: { base: 'human_frt_n' },
  aht: { base: 'handled_n' },
  resolution_rate: { base: 'conversations', part: 'resolved' },
  fcr: { base: 'conversations', part: 'fcr' },
  containment: { base: 'bot_involved', part: 'contained' },
  transfer_rate: { base: 'bot_involved', part: 'handed_off' },
  abandonment: { base: 'needed_human', part: 'abandoned' },
  service_level: { base: 'sl_known', part: 'sl_met' },
  sla_attainment: { base: 'sla_known', part: 'sla_met' },
  csat: { base: 'csat_n', part: 'csat_good' },
  nps: { base: 'nps_n', part: 'nps_promoters' },
  sentiment_change: { base: 'sentiment_n' },
  reopen_rate: { base: 'resolved_ever', part: 'reopened' },
  knowledge_gap_rate: { base: 'bot_involved', part: 'gaps' },
  survey_response_rate: { base: 'surveys_offered', part: 'surveys_answered' },
  wait_p90: { base: 'wait_n' },
  conversations: { base: 'conversations' },
};

export interface DrillQuery {
  workspaceId: string;
  metric: MetricId;
  from: number;
  to: number;
  /** `hit`: only those counting towards the figure; `miss`: only the others. */
  only?: 'hit' | 'miss';
  filter?: { dim: Dimension; value: string };
  /** Post-mortem: only conversations the bot failed for this cause. */
  botFailure?: string;
  /** Keyset cursor from the previous page. */
  cursor?: string;
  limit?: number;
}

export interface DrillPage {
  conversations: ConversationFact[];
  nextCursor: string | null;
}

/** Pages through the conversations behind a figure, newest first, reading at most `limit` + 1 rows per page. */
export async function drillDown(db: Executor, q: DrillQuery): Promise<DrillPage> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const rule = DRILL[q.metric];
  let query = db
    .selectFrom('analytics_facts')
    .select(['fact', 'started_at', 'conversation_id'])
    .where('workspace_id', '=', q.workspaceId)
    .where('started_at', '>=', q.from)
    .where('started_at', '<', q.to);
  if (rule.base !== 'conversations') query = query.where('tags', 'like', tagPattern(rule.base));
  if (q.only && !rule.part) throw new AppError('validation_failed', `${q.metric} has no hit/miss split`);
  if (q.only === 'hit') query = query.where('tags', 'like', tagPattern(rule.part));
  if (q.only === 'miss') query = query.where('tags', 'not like', tagPattern(rule.part));
  if (q.filter) query = query.where(q.filter.dim, '=', q.filter.value);
  if (q.botFailure) query = query.where('bot_failure', '=', q.botFailure);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor);
    query = query.where((eb) =>
      eb.or([eb('started_at', '<', at), eb.and([eb('started_at', '=', at), eb('conversation_id', '<', id)])]),
    );
  }
  const rows = await query
    .orderBy('started_at', 'desc')
    .orderBy('conversation_id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    conversations: page.map((r) => stripApplied(JSON.parse(r.fact))),
    nextCursor: rows.length > limit && last ? `${last.started_at}.${last.conversation_id}` : null,
  };
}

/** Tags are our own counter names; `_` in them matching any one character cannot match another name. */
const tagPattern = (tag: SumColumn | undefined): string => `% ${tag} %`;

function decodeCursor(cursor: string): [number, string] {
  const match = /^(\d{1,16})\.([a-z0-9_]{1,64})$/.exec(cursor);
  if (!match) throw new AppError('validation_failed', 'Bad cursor');
  return [Number(match[1]), match[2] as string];
}

function stripApplied(fact: ConversationFact & { applied?: unknown }): ConversationFact {
  const { applied: _applied, ...rest } = fact;
  return rest;
}
