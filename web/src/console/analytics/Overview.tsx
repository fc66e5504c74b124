import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAnI18n } from './an-i18n.ts';
import { drillHref, type Range, useMetrics } from './api.ts';
import { Chart, type ChartOption } from './Chart.tsx';
import { Cards, dayLabel, Loading, Panel } from './parts.tsx';

const OVERVIEW = [
  'conversations',
  'resolution_rate',
  'fcr',
  'frt_bot',
  'frt_human',
  'aht',
  'containment',
  'transfer_rate',
  'abandonment',
  'service_level',
  'sla_attainment',
  'csat',
  'nps',
  'sentiment_change',
  'reopen_rate',
  'knowledge_gap_rate',
  'survey_response_rate',
  'wait_p90',
];
const DAY = 86_400_000;

export function Overview({ range }: { range: Range }) {
  const { t, locale } = useAnI18n();
  const navigate = useNavigate();
  const total = useMetrics(range);
  const days = useMetrics(range, 'day');
  const option = useMemo<ChartOption>(() => {
    const rows = days.data ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('tab.overview'), '%'] },
      grid: { left: 40, right: 40, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: rows.map((r) => dayLabel(Number(r.key), locale)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('tab.overview'), type: 'bar', data: rows.map((r) => r.metrics.conversations?.value ?? 0) },
        {
          name: '%',
          type: 'line',
          yAxisIndex: 1,
          data: rows.map((r) => {
            const v = r.metrics.resolution_rate?.value;
            return v === null || v === undefined ? null : Math.round(v * 1000) / 10;
          }),
        },
      ],
    };
  }, [days.data, t, locale]);
  return (
    <>
      <Loading pending={total.isPending} error={total.error} />
      <Cards ids={OVERVIEW} metrics={total.data?.[0]?.metrics} range={range} />
      <Panel title={t('chart.trend')}>
        <Chart
          option={option}
          label={t('chart.trend')}
          testId="chart-trend"
          onPick={(index) => {
            const day = Number(days.data?.[index]?.key);
            if (Number.isFinite(day)) navigate(drillHref({ metric: 'conversations', from: day, to: day + DAY }));
          }}
        />
      </Panel>
    </>
  );
}
