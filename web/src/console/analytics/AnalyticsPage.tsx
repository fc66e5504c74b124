import { useMemo } from 'react';
import { NavLink, Route, Routes, useSearchParams } from 'react-router-dom';
import { useMe } from '../auth/session.ts';
import { AlertsView } from './AlertsView.tsx';
import { useAnI18n } from './an-i18n.ts';
import type { Range } from './api.ts';
import { BotView } from './BotView.tsx';
import { DrillPage } from './DrillPage.tsx';
import { Overview } from './Overview.tsx';
import { PeopleView } from './PeopleView.tsx';
import { SatisfactionView } from './SatisfactionView.tsx';
import { SlaView } from './SlaView.tsx';
import './analytics.css';

const RANGES = [1, 7, 30, 90] as const;
const DAY = 86_400_000;

/** The range in the URL (`?days=30`), so a dashboard link shows what its sender saw. */
function useRange(): [Range, number, (days: number) => void] {
  const [params, setParams] = useSearchParams();
  const days = Number(params.get('days')) || 7;
  const range = useMemo(() => {
    const to = Math.ceil(Date.now() / 60_000) * 60_000;
    return { from: to - days * DAY, to };
  }, [days]);
  return [range, days, (next) => setParams({ days: String(next) })];
}

/** Supervisors' dashboards; an agent sees the same screens pinned to their own figures. */
export function AnalyticsPage() {
  const { t } = useAnI18n();
  const me = useMe().data;
  const [range, days, setDays] = useRange();
  const supervisor = me?.user.role === 'admin' || me?.user.role === 'supervisor';
  if (me && !supervisor && me.user.role !== 'agent') return <p className="empty">{t('forbidden')}</p>;
  const tabs = [
    ['', 'tab.overview'],
    ...(supervisor
      ? ([
          ['bot', 'tab.bot'],
          ['people', 'tab.people'],
        ] as const)
      : []),
    ['satisfaction', 'tab.satisfaction'],
    ['sla', 'tab.sla'],
    ...(supervisor ? ([['alerts', 'tab.alerts']] as const) : []),
  ] as const;
  return (
    <div className="an" data-testid="analytics">
      <header className="an-head">
        <h1>{t('title')}</h1>
        <nav className="an-tabs">
          {tabs.map(([path, key]) => (
            <NavLink
              key={path}
              end
              to={`/analytics${path ? `/${path}` : ''}?days=${days}`}
              className={({ isActive }) => `an-tab${isActive ? ' an-tab-active' : ''}`}
            >
              {t(key)}
            </NavLink>
          ))}
        </nav>
        <label className="an-range">
          <span>{t('range.label')}</span>
          <select value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="analytics-range">
            {RANGES.map((d) => (
              <option key={d} value={d}>
                {t(`range.${d}`)}
              </option>
            ))}
          </select>
        </label>
        {supervisor && (
          <a
            className="btn btn-ghost btn-small"
            href={`/api/v1/analytics/export.csv?from=${range.from}&to=${range.to}`}
          >
            {t('common.export')}
          </a>
        )}
      </header>
      <div className="an-body">
        <Routes>
          <Route index element={<Overview range={range} />} />
          <Route path="bot" element={<BotView range={range} />} />
          <Route path="people" element={<PeopleView range={range} />} />
          <Route path="satisfaction" element={<SatisfactionView range={range} />} />
          <Route path="sla" element={<SlaView range={range} />} />
          <Route path="alerts" element={<AlertsView />} />
          <Route path="drill" element={<DrillPage />} />
        </Routes>
      </div>
    </div>
  );
}
