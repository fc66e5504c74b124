import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CustomerPanel } from './CustomerPanel.tsx';
import { useQueue } from './queries.ts';
import { routingText } from './texts.ts';

/**
 * The agent's line: what they can take (live, with position and wait), their own conversations, and the customer
 * panel of the one selected. A new assignment raises a notification and counts in the tab title.
 */
export function QueueView({ selected }: { selected?: string }) {
  const { locale } = useI18n();
  const tx = (key: Parameters<typeof routingText>[1], values?: Record<string, string | number>) =>
    routingText(locale, key, values);
  const queue = useQueue();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(0);
  const known = useRef<Set<string> | null>(null);
  const mine = queue.data?.mine ?? [];
  const takeable = (queue.data?.waiting ?? []).filter((w) => w.canTake);

  useEffect(() => {
    const ids = new Set(mine.map((m) => m.conversationId));
    if (known.current) {
      const fresh = [...ids].filter((id) => !known.current?.has(id));
      if (fresh.length > 0) {
        setUnread((n) => n + fresh.length);
        if (typeof Notification !== 'undefined' && Notification.permission === 'granted')
          new Notification(tx('newAssigned'));
      }
    }
    known.current = ids;
  });
  useEffect(() => {
    const base = document.title.replace(/^\(\d+\) /, '');
    document.title = unread > 0 ? `(${unread}) ${base}` : base;
  }, [unread]);
  useEffect(() => {
    if (typeof Notification !== 'undefined' && Notification.permission === 'default')
      void Notification.requestPermission();
  }, []);

  const pick = async (conversationId: string) => {
    await api('POST', `/api/v1/routing/queue/${conversationId}/pick`);
    void client.invalidateQueries({ queryKey: ['routing'] });
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select') || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'p' && takeable[0]) void pick(takeable[0].conversationId);
      if (event.key === 'n' && mine.length > 0) {
        const at = mine.findIndex((m) => m.conversationId === selected);
        const next = mine[(at + 1) % mine.length];
        if (next) navigate(`/routing/${next.conversationId}`);
        setUnread(0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const load = queue.data?.load.web_widget ?? 0;
  const capacity = queue.data?.capacity.web_widget ?? 0;
  return (
    <div className="rt-queue">
      <div className="rt-col">
        <h3>
          {tx('mine')} <small>{tx('load', { load, capacity })}</small>
        </h3>
        <ul className="rt-list" data-testid="my-conversations">
          {mine.length === 0 && <li className="empty">{tx('none')}</li>}
          {mine.map((m) => (
            <li
              key={m.conversationId}
              data-testid="my-conversation"
              data-conversation-id={m.conversationId}
              className={m.conversationId === selected ? 'rt-on' : ''}
            >
              <Link to={`/routing/${m.conversationId}`} onClick={() => setUnread(0)}>
                {m.conversationId.slice(-6)} · {m.team}
              </Link>{' '}
              <Link to={`/conversations/${m.conversationId}`}>↗</Link>
            </li>
          ))}
        </ul>
        <h3>{tx('waiting')}</h3>
        <ul className="rt-list" data-testid="queue-list">
          {(queue.data?.waiting ?? []).length === 0 && <li className="empty">{tx('none')}</li>}
          {(queue.data?.waiting ?? []).map((w) => (
            <li key={w.conversationId} data-testid="queue-item" data-conversation-id={w.conversationId}>
              <span className={`rt-tier rt-tier-${w.valueTier}`}>{w.valueTier.toUpperCase()}</span>{' '}
              {tx('position', { n: w.position })} · {tx('waited', { s: w.waitedSeconds })} · {w.team}
              {Object.keys(w.skills).length > 0 && (
                <small>
                  {' '}
                  · {tx('skills')}: {Object.keys(w.skills).join(', ')}
                </small>
              )}
              {w.canTake && (
                <button type="button" className="btn btn-small" onClick={() => void pick(w.conversationId)}>
                  {tx('pick')}
                </button>
              )}
            </li>
          ))}
        </ul>
        <p className="rt-hint">{tx('shortcuts')}</p>
      </div>
      {selected && <CustomerPanel conversationId={selected} />}
    </div>
  );
}
