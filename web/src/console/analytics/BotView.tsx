import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAnI18n } from './an-i18n.ts';
import type { AnMessageKey } from './an-messages.ts';
import { drillHref, type Range, useDefinitions, useMetrics, usePostMortem } from './api.ts';
import { Chart, type ChartOption } from './Chart.tsx';
import { Cards, Loading, Panel } from './parts.tsx';

/** The bot: containment and misses, top intents, knowledge gaps, failures by cause and before/after changes. */
export function BotView({ range }: { range: Range }) {
  const { t, pick, format, dateTime } = useAnI18n();
  const navigate = useNavigate();
  const total = useMetrics(range);
  const intents = useMetrics(range, 'intent');
  const report = usePostMortem(range, true);
  const definitions = useDefinitions().data?.metrics;
  const topIntents = useMemo(() => (intents.data ?? []).filter((r) => r.key !== '').slice(0, 10), [intents.data]);
  const intentOption = useMemo<ChartOption>(
    () => ({
      tooltip: {},
      grid: { left: 120, right: 20, top: 10, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: topIntents.map((r) => String(r.key)) },
      series: [{ type: 'bar', data: topIntents.map((r) => r.metrics.conversations?.value ?? 0) }],
    }),
    [topIntents],
  );
  const causes = report.data?.causes ?? [];
  const causeOption = useMemo<ChartOption>(
    () => ({
      tooltip: {},
      grid: { left: 120, right: 20, top: 10, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: causes.map((c) => t(`cause.${c.cause}` as AnMessageKey)) },
      series: [{ type: 'bar', data: causes.map((c) => c.count) }],
    }),
    [causes, t],
  );
  return (
    <>
      <Loading pending={total.isPending} error={total.error} />
      <Cards
        ids={['containment', 'transfer_rate', 'knowledge_gap_rate', 'frt_bot']}
        metrics={total.data?.[0]?.metrics}
        range={range}
      />
      <div className="an-grid">
        <Panel title={t('chart.intents')}>
          <Chart
            option={intentOption}
            label={t('chart.intents')}
            onPick={(i) => {
              const intent = topIntents[i]?.key;
              if (intent !== undefined)
                navigate(drillHref({ metric: 'conversations', ...range, dim: 'intent', value: String(intent) }));
            }}
          />
        </Panel>
        <Panel title={`${t('chart.causes')} (${report.data?.failed ?? 0} / ${report.data?.botConversations ?? 0})`}>
          <Chart
            option={causeOption}
            label={t('chart.causes')}
            testId="chart-causes"
            onPick={(i) => {
              const cause = causes[i]?.cause;
              if (cause) navigate(drillHref({ metric: 'conversations', ...range, botFailure: cause }));
            }}
          />
        </Panel>
      </div>
      <Panel title={t('bot.examples')}>
        <ul className="an-list">
          {causes.flatMap((c) =>
            c.examples.map((e) => (
              <li key={`${c.cause}-${e.conversationId}`}>
                <span className="tag">{t(`cause.${c.cause}` as AnMessageKey)}</span>{' '}
                <Link to={`/conversations/${e.conversationId}`}>{e.conversationId}</Link>{' '}
                <span className="muted">
                  {e.intent} · {dateTime(e.startedAt)}
                </span>
              </li>
            )),
          )}
        </ul>
      </Panel>
      {(report.data?.changes.length ?? 0) > 0 && (
        <Panel title={t('bot.changes')}>
          <table className="an-table">
            <thead>
              <tr>
                <th />
                <th>{t('bot.before')}</th>
                <th>{t('bot.after')}</th>
              </tr>
            </thead>
            {report.data?.changes.map((change) => (
              <tbody key={change.marker.at}>
                <tr>
                  <th colSpan={3}>
                    {change.marker.kind} {change.marker.version} · {dateTime(change.marker.at)} {change.marker.note}
                  </th>
                </tr>
                {Object.keys(change.before).map((id) => {
                  const info = definitions?.find((m) => m.id === id);
                  return (
                    <tr key={id}>
                      <td>{info ? pick(info.name) : id}</td>
                      <td>{format(info, change.before[id]?.value ?? null)}</td>
                      <td>{format(info, change.after[id]?.value ?? null)}</td>
                    </tr>
                  );
                })}
                <tr>
                  <td>{t('bot.failures')}</td>
                  <td>{change.failuresBefore}</td>
                  <td>{change.failuresAfter}</td>
                </tr>
              </tbody>
            ))}
          </table>
        </Panel>
      )}
    </>
  );
}
