import { useState } from 'react';
import type { PresenceStatus } from '../../shared/api-types.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useRealtime } from '../realtime/RealtimeProvider.tsx';

const STATUSES: PresenceStatus[] = ['online', 'away', 'offline'];

/** The agent's availability for new conversations: online, away or offline. */
export function PresenceToggle() {
  const { t } = useI18n();
  const { presence, setPresence } = useRealtime();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const change = async (status: PresenceStatus) => {
    setSaving(true);
    setError(null);
    try {
      await setPresence(status);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="presence">
      <label className="presence-field">
        <span className="sidebar-label">{t('presence.label')}</span>
        <span className="presence-control">
          <span className={`presence-dot presence-${presence}`} aria-hidden="true" />
          <select
            value={presence}
            disabled={saving}
            onChange={(e) => void change(e.target.value as PresenceStatus)}
            data-testid="presence-toggle"
          >
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`presence.${status}`)}
              </option>
            ))}
          </select>
        </span>
      </label>
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}
