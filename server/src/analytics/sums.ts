import type { MetricDefinitions } from './definitions.ts';
import type { ConversationFact } from './fact.ts';

/**
 * The additive counters a conversation contributes to a rollup row. Every metric is a ratio of these, so rollups of
 * any size combine by addition, and a recomputed conversation moves them by (new − old).
 */
export const WAIT_BINS_MS = [
  5_000,
  10_000,
  20_000,
  30_000,
  60_000,
  120_000,
  300_000,
  600_000,
  1_800_000,
  3_600_000,
  7_200_000,
  Infinity,
] as const;

export const SUM_COLUMNS = [
  'conversations',
  'bot_involved',
  'bot_frt_n',
  'bot_frt_sum',
  'needed_human',
  'human_frt_n',
  'human_frt_sum',
  'handled_n',
  'handle_sum',
  'resolved',
  'resolved_ever',
  'fcr',
  'contained',
  'handed_off',
  'abandoned',
  'sl_known',
  'sl_met',
  'sla_known',
  'sla_met',
  'csat_n',
  'csat_good',
  'nps_n',
  'nps_promoters',
  'nps_detractors',
  'surveys_offered',
  'surveys_answered',
  'sentiment_n',
  'sentiment_delta_milli',
  'reopened',
  'gaps',
  'bot_failed',
  'wait_n',
  'w0',
  'w1',
  'w2',
  'w3',
  'w4',
  'w5',
  'w6',
  'w7',
  'w8',
  'w9',
  'w10',
  'w11',
] as const;
export type SumColumn = (typeof SUM_COLUMNS)[number];
export type Sums = Record<SumColumn, number>;

export function emptySums(): Sums {
  return Object.fromEntries(SUM_COLUMNS.map((c) => [c, 0])) as Sums;
}

const flag = (value: boolean | null): number => (value ? 1 : 0);

export function contributionOf(fact: ConversationFact, defs: MetricDefinitions): Sums {
  const sums = emptySums();
  sums.conversations = 1;
  sums.bot_involved = flag(fact.botInvolved);
  if (fact.botFrtMs !== null) {
    sums.bot_frt_n = 1;
    sums.bot_frt_sum = fact.botFrtMs;
  }
  sums.needed_human = flag(fact.neededHuman);
  if (fact.humanFrtMs !== null) {
    sums.human_frt_n = 1;
    sums.human_frt_sum = fact.humanFrtMs;
  }
  if (fact.handleMs !== null) {
    sums.handled_n = 1;
    sums.handle_sum = fact.handleMs;
  }
  sums.resolved = flag(fact.resolved);
  sums.resolved_ever = flag(fact.resolvedEver);
  sums.fcr = flag(fact.fcr);
  sums.contained = flag(fact.contained);
  sums.handed_off = flag(fact.handedOff);
  sums.abandoned = flag(fact.abandoned);
  sums.sl_known = flag(fact.answeredInTarget !== null);
  sums.sl_met = flag(fact.answeredInTarget);
  sums.sla_known = flag(fact.slaMet !== null);
  sums.sla_met = flag(fact.slaMet);
  if (fact.csat !== null) {
    sums.csat_n = 1;
    sums.csat_good = flag(fact.csat >= defs.csatSatisfiedMin);
  }
  if (fact.nps !== null) {
    sums.nps_n = 1;
    sums.nps_promoters = flag(fact.nps >= defs.npsPromoterMin);
    sums.nps_detractors = flag(fact.nps <= defs.npsDetractorMax);
  }
  sums.surveys_offered = fact.surveysOffered;
  sums.surveys_answered = fact.surveysAnswered;
  if (fact.sentimentFirst !== null && fact.sentimentLast !== null) {
    sums.sentiment_n = 1;
    sums.sentiment_delta_milli = Math.round((fact.sentimentLast - fact.sentimentFirst) * 1000);
  }
  sums.reopened = flag(fact.reopens > 0);
  sums.gaps = flag(fact.knowledgeGap);
  sums.bot_failed = flag(fact.botFailure !== '');
  if (fact.waitMs !== null) {
    sums.wait_n = 1;
    sums[`w${waitBin(fact.waitMs)}` as SumColumn] = 1;
  }
  return sums;
}

export function waitBin(ms: number): number {
  return WAIT_BINS_MS.findIndex((edge) => ms <= edge);
}

export function addSums(into: Sums, other: Sums, sign = 1): Sums {
  for (const column of SUM_COLUMNS) into[column] += sign * other[column];
  return into;
}

export function isZero(sums: Sums): boolean {
  return SUM_COLUMNS.every((c) => sums[c] === 0);
}

/** ` a b c `: the counters a conversation adds to, delimited so that LIKE '% a %' matches whole words. */
export function tagsOf(sums: Partial<Sums>): string {
  const names = SUM_COLUMNS.filter((c) => !c.endsWith('_sum') && !c.endsWith('_milli') && (sums[c] ?? 0) !== 0);
  return ` ${names.join(' ')} `;
}
