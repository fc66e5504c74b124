import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMe } from '../auth/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { QueueView } from './QueueView.tsx';
import { SupervisorView } from './SupervisorView.tsx';
import { routingText } from './texts.ts';
import './routing.css';

/** Queue and assignment: the agent's line and customer panel; the supervisor's board for leads. */
export function RoutingPage() {
  const { locale } = useI18n();
  const me = useMe().data;
  const { conversationId } = useParams();
  const lead = me?.user.role === 'admin' || me?.user.role === 'supervisor';
  const [tab, setTab] = useState<'queue' | 'supervisor'>('queue');
  return (
    <div className="rt" data-testid="routing-page">
      <header className="rt-head">
        <h2>{routingText(locale, 'title')}</h2>
        {lead && (
          <nav className="rt-tabs">
            <button type="button" className={tab === 'queue' ? 'rt-on' : ''} onClick={() => setTab('queue')}>
              {routingText(locale, 'tab.queue')}
            </button>
            <button
              type="button"
              data-testid="tab-supervisor"
              className={tab === 'supervisor' ? 'rt-on' : ''}
              onClick={() => setTab('supervisor')}
            >
              {routingText(locale, 'tab.supervisor')}
            </button>
          </nav>
        )}
      </header>
      {tab === 'queue' ? <QueueView selected={conversationId} /> : <SupervisorView />}
    </div>
  );
}
