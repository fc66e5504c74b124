import { METRIC_IDS, type MetricId } from './definitions.ts';
import { type Sums, WAIT_BINS_MS } from './sums.ts';

/** A metric's value and the count it stands on; null when nothing qualified (never a misleading 0). */
export interface MetricValue {
  value: number | null;
  /** The denominator: conversations, answers or surveys the value is computed over. */
  base: number;
}

const ratio = (part: number, whole: number): MetricValue => ({ value: whole > 0 ? part / whole : null, base: whole });
const mean = (sum: number, n: number): MetricValue => ({ value: n > 0 ? sum / n : null, base: n });

export function computeMetric(id: MetricId, s: Sums): MetricValue {
  switch (id) {
    case 'frt_bot':
      return mean(s.bot_frt_sum, s.bot_frt_n);
    case 'frt_human':
      return mean(s.human_frt_sum, s.human_frt_n);
    case 'aht':
      return mean(s.handle_sum, s.handled_n);
    case 'resolution_rate':
      return ratio(s.resolved, s.conversations);
    case 'fcr':
      return ratio(s.fcr, s.conversations);
    case 'containment':
      return ratio(s.contained, s.bot_involved);
    case 'transfer_rate':
      return ratio(s.handed_off, s.bot_involved);
    case 'abandonment':
      return ratio(s.abandoned, s.needed_human);
    case 'service_level':
      return ratio(s.sl_met, s.sl_known);
    case 'sla_attainment':
      return ratio(s.sla_met, s.sla_known);
    case 'csat':
      return ratio(s.csat_good, s.csat_n);
    case 'nps':
      return { value: s.nps_n > 0 ? ((s.nps_promoters - s.nps_detractors) / s.nps_n) * 100 : null, base: s.nps_n };
    case 'sentiment_change':
      return mean(s.sentiment_delta_milli / 1000, s.sentiment_n);
    case 'reopen_rate':
      return ratio(s.reopened, s.resolved_ever);
    case 'knowledge_gap_rate':
      return ratio(s.gaps, s.bot_involved);
    case 'survey_response_rate':
      return ratio(s.surveys_answered, s.surveys_offered);
    case 'wait_p90':
      return { value: histogramPercentile(s, 0.9), base: s.wait_n };
    case 'conversations':
      return { value: s.conversations, base: s.conversations };
  }
}

export function computeAll(s: Sums): Record<MetricId, MetricValue> {
  return Object.fromEntries(METRIC_IDS.map((id) => [id, computeMetric(id, s)])) as Record<MetricId, MetricValue>;
}

/** The upper edge of the bin holding the q-th wait; the last bin has no edge, so it reports the one before ×2. */
function histogramPercentile(s: Sums, q: number): number | null {
  if (s.wait_n <= 0) return null;
  const rank = Math.ceil(q * s.wait_n);
  let seen = 0;
  for (let bin = 0; bin < WAIT_BINS_MS.length; bin++) {
    seen += s[`w${bin}` as keyof Sums];
    if (seen >= rank) {
      const edge = WAIT_BINS_MS[bin] as number;
      return Number.isFinite(edge) ? edge : (WAIT_BINS_MS[bin - 1] as number) * 2;
    }
  }
  return null;
}
