import type { ReactNode } from 'react';
import { useAnI18n } from './an-i18n.ts';
import { type MetricValue, type Range, useDefinitions } from './api.ts';
import { MetricCard } from './MetricCard.tsx';

/** A row of metric cards for the total of a range. */
export function Cards({
  ids,
  metrics,
  range,
}: {
  ids: string[];
  metrics: Record<string, MetricValue> | undefined;
  range: Range;
}) {
  const definitions = useDefinitions().data?.metrics;
  return (
    <div className="an-cards">
      {ids.map((id) => (
        <MetricCard
          key={id}
          info={definitions?.find((m) => m.id === id)}
          value={metrics?.[id]}
          drill={{ from: range.from, to: range.to }}
        />
      ))}
    </div>
  );
}

export function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="an-panel">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function Loading({ pending, error }: { pending: boolean; error: unknown }) {
  const { t } = useAnI18n();
  if (error) return <p className="notice notice-error">{(error as Error).message}</p>;
  return pending ? <p className="muted">{t('common.loading')}</p> : null;
}

/** Day buckets as short dates for a chart axis. */
export function dayLabel(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric' }).format(new Date(ms));
}
