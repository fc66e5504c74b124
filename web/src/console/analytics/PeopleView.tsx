import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useAnI18n } from './an-i18n.ts';
import { drillHref, type Range, useDefinitions, useMetrics, useScorecards } from './api.ts';
import { Chart, type ChartOption } from './Chart.tsx';
import { Loading, Panel } from './parts.tsx';

const COLUMNS = ['conversations', 'frt_human', 'aht', 'resolution_rate', 'csat'];

/** People: each agent's load, first response, handle time, results and scorecard; every number drills down. */
export function PeopleView({ range }: { range: Range }) {
  const { t, pick, format } = useAnI18n();
  const agents = useMetrics(range, 'agent');
  const cards = useScorecards(range);
  const definitions = useDefinitions().data?.metrics;
  const rows = agents.data ?? [];
  const scores = new Map((cards.data?.agents ?? []).map((s) => [s.subject, s.score]));
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {},
      grid: { left: 140, right: 20, top: 10, bottom: 20 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => String(r.key) || t('people.none')) },
      series: [{ type: 'bar', data: rows.map((r) => Math.round((r.metrics.aht?.value ?? 0) / 1000)) }],
    }),
    [rows, t],
  );
  return (
    <>
      <Loading pending={agents.isPending} error={agents.error} />
      <Panel title={t('tab.people')}>
        <table className="an-table" data-testid="people-table">
          <thead>
            <tr>
              <th>{t('people.agent')}</th>
              {COLUMNS.map((id) => {
                const info = definitions?.find((m) => m.id === id);
                return (
                  <th key={id} title={info ? pick(info.definition) : ''}>
                    {info ? pick(info.name) : id}
                  </th>
                );
              })}
              <th>{t('people.score')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const agent = String(row.key);
              return (
                <tr key={agent}>
                  <td>{agent || t('people.none')}</td>
                  {COLUMNS.map((id) => (
                    <td key={id}>
                      <Link to={drillHref({ metric: id, ...range, dim: 'agent', value: agent })}>
                        {format(
                          definitions?.find((m) => m.id === id),
                          row.metrics[id]?.value ?? null,
                        )}
                      </Link>
                    </td>
                  ))}
                  <td>{scores.get(agent)?.toFixed(1) ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Panel>
      <Panel title={t('chart.aht')}>
        <Chart option={option} label={t('chart.aht')} />
      </Panel>
    </>
  );
}
