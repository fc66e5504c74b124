import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAnI18n } from './an-i18n.ts';
import { drillHref, type Range, useMetrics } from './api.ts';
import { Chart, type ChartOption } from './Chart.tsx';
import { Cards, dayLabel, Loading, Panel } from './parts.tsx';

const DAY = 86_400_000;

/** Service level, SLA attainment, queue wait and abandonment; a day in the chart drills to its misses. */
export function SlaView({ range }: { range: Range }) {
  const { t, locale } = useAnI18n();
  const navigate = useNavigate();
  const total = useMetrics(range);
  const days = useMetrics(range, 'day');
  const option = useMemo<ChartOption>(() => {
    const rows = days.data ?? [];
    const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10);
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['SL %', 'SLA %'] },
      grid: { left: 40, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: rows.map((r) => dayLabel(Number(r.key), locale)) },
      yAxis: { type: 'value', max: 100 },
      series: [
        { name: 'SL %', type: 'line', connectNulls: true, data: rows.map((r) => pct(r.metrics.service_level?.value)) },
        {
          name: 'SLA %',
          type: 'line',
          connectNulls: true,
          data: rows.map((r) => pct(r.metrics.sla_attainment?.value)),
        },
      ],
    };
  }, [days.data, locale]);
  return (
    <>
      <Loading pending={total.isPending} error={total.error} />
      <Cards
        ids={['service_level', 'sla_attainment', 'wait_p90', 'frt_human', 'abandonment']}
        metrics={total.data?.[0]?.metrics}
        range={range}
      />
      <Panel title={t('chart.serviceLevel')}>
        <Chart
          option={option}
          label={t('chart.serviceLevel')}
          onPick={(i) => {
            const day = Number(days.data?.[i]?.key);
            if (Number.isFinite(day))
              navigate(drillHref({ metric: 'sla_attainment', only: 'miss', from: day, to: day + DAY }));
          }}
        />
      </Panel>
    </>
  );
}
