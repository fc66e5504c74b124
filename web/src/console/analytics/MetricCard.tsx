import { Link } from 'react-router-dom';
import { useAnI18n } from './an-i18n.ts';
import { type DrillParams, drillHref, type MetricInfo, type MetricValue } from './api.ts';

/** Metrics whose drill-down lists the conversations counted towards them (not the whole base). */
const HIT_METRICS = new Set([
  'resolution_rate',
  'fcr',
  'containment',
  'transfer_rate',
  'abandonment',
  'reopen_rate',
  'knowledge_gap_rate',
]);

/**
 * One figure: value, definition as the tooltip, progress against its target, and a link to the conversations
 * behind it.
 */
export function MetricCard({
  info,
  value,
  drill,
}: {
  info: MetricInfo | undefined;
  value: MetricValue | undefined;
  drill: Omit<DrillParams, 'metric'>;
}) {
  const { t, pick, format } = useAnI18n();
  if (!info) return null;
  const progress = value?.progress;
  const definition = pick(info.definition);
  const params: DrillParams = { ...drill, metric: info.id, ...(HIT_METRICS.has(info.id) ? { only: 'hit' } : {}) };
  return (
    <Link to={drillHref(params)} className="an-card" data-testid={`metric-${info.id}`} title={definition}>
      <span className="an-card-name">
        {pick(info.name)}
        <span className="an-help" aria-hidden="true">
          ?
        </span>
        <span className="sr-only">{definition}</span>
      </span>
      <strong className="an-card-value" data-testid={`metric-${info.id}-value`}>
        {format(info, value?.value ?? null)}
      </strong>
      <span className="an-card-foot">
        {progress ? (
          <span className={progress.met ? 'an-met' : 'an-miss'}>
            {t('common.target')} {format(info, progress.target)} · {progress.met ? t('common.met') : t('common.notMet')}
            <span className="an-bar" aria-hidden="true">
              <span style={{ width: `${Math.min(100, progress.attainment * 100)}%` }} />
            </span>
          </span>
        ) : (
          <span className="muted">
            {t('common.base')} {value?.base ?? 0}
          </span>
        )}
      </span>
    </Link>
  );
}
