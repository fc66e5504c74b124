import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAnI18n } from './an-i18n.ts';
import { drillHref, type Range, useDrill, useMetrics } from './api.ts';
import { Chart, type ChartOption } from './Chart.tsx';
import { Cards, dayLabel, Loading, Panel } from './parts.tsx';

const DAY = 86_400_000;

/** Satisfaction: CSAT and NPS by day, with the customers' own words. */
export function SatisfactionView({ range }: { range: Range }) {
  const { t, locale, dateTime } = useAnI18n();
  const navigate = useNavigate();
  const total = useMetrics(range);
  const days = useMetrics(range, 'day');
  const comments = useDrill({ metric: 'csat', ...range }, 50);
  const option = useMemo<ChartOption>(() => {
    const rows = days.data ?? [];
    const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10);
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['CSAT %', 'NPS'] },
      grid: { left: 40, right: 40, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: rows.map((r) => dayLabel(Number(r.key), locale)) },
      yAxis: [
        { type: 'value', max: 100 },
        { type: 'value', min: -100, max: 100 },
      ],
      series: [
        { name: 'CSAT %', type: 'line', connectNulls: true, data: rows.map((r) => pct(r.metrics.csat?.value)) },
        {
          name: 'NPS',
          type: 'line',
          yAxisIndex: 1,
          connectNulls: true,
          data: rows.map((r) => r.metrics.nps?.value ?? null),
        },
      ],
    };
  }, [days.data, locale]);
  const withComments = (comments.data?.pages ?? []).flatMap((p) => p.conversations).filter((c) => c.surveyComment);
  return (
    <>
      <Loading pending={total.isPending} error={total.error} />
      <Cards
        ids={['csat', 'nps', 'survey_response_rate', 'sentiment_change']}
        metrics={total.data?.[0]?.metrics}
        range={range}
      />
      <Panel title={t('chart.csatNps')}>
        <Chart
          option={option}
          label={t('chart.csatNps')}
          onPick={(i) => {
            const day = Number(days.data?.[i]?.key);
            if (Number.isFinite(day)) navigate(drillHref({ metric: 'csat', from: day, to: day + DAY }));
          }}
        />
      </Panel>
      <Panel title={t('sat.comments')}>
        <ul className="an-list">
          {withComments.map((c) => (
            <li key={c.conversationId}>
              <strong>{c.csat ?? '—'}</strong> {c.nps !== null && <span className="muted">NPS {c.nps}</span>} “
              {c.surveyComment}” <Link to={`/conversations/${c.conversationId}`}>{dateTime(c.startedAt)}</Link>
            </li>
          ))}
        </ul>
      </Panel>
    </>
  );
}
