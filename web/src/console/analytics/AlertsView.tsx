import { useAnI18n } from './an-i18n.ts';
import { useAlerts } from './api.ts';
import { Loading, Panel } from './parts.tsx';

/** What the alert rules said, newest first (rules are managed over the API: /api/v1/analytics/alert-rules). */
export function AlertsView() {
  const { t, dateTime } = useAnI18n();
  const alerts = useAlerts(true);
  return (
    <Panel title={t('alerts.history')}>
      <Loading pending={alerts.isPending} error={alerts.error} />
      {alerts.data?.length === 0 && <p className="muted">{t('alerts.none')}</p>}
      <ul className="an-list" data-testid="alert-history">
        {alerts.data?.map((a) => (
          <li key={a.id}>
            <span className="muted">{dateTime(a.firedAt)}</span> {a.message}
          </li>
        ))}
      </ul>
    </Panel>
  );
}
