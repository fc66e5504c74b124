import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useMe } from '../auth/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CANNED, DISPOSITIONS, routingText } from './texts.ts';

interface Contact {
  id: string;
  name: string;
  tier: 'vip' | 'regular' | 'new';
  attributes: Record<string, unknown>;
}
interface Detail {
  id: string;
  status: string;
  contact: Contact;
}
interface Message {
  senderType: string;
  text: string;
  private: boolean;
}
interface Hit {
  title: string;
  answerText?: string;
  snippet?: string;
}

/**
 * Everything an agent needs beside the thread: who the customer is (tier, attributes, past conversations), answers
 * from the knowledge base for their last message (insertable), canned responses with variables, a reply box,
 * internal notes, transfer, escalation and resolving with a disposition code.
 */
export function CustomerPanel({ conversationId }: { conversationId: string }) {
  const { locale } = useI18n();
  const me = useMe().data;
  const client = useQueryClient();
  const tx = (key: Parameters<typeof routingText>[1], values?: Record<string, string | number>) =>
    routingText(locale, key, values);
  const [draft, setDraft] = useState('');
  const [team, setTeam] = useState('');
  const [note, setNote] = useState('');
  const [disposition, setDisposition] = useState<(typeof DISPOSITIONS)[number]>('answered');
  const detail = useQuery({
    queryKey: ['conversation', conversationId],
    queryFn: () => api<Detail>('GET', `/api/v1/conversations/${conversationId}`),
  });
  const contactId = detail.data?.contact.id;
  const history = useQuery({
    queryKey: ['routing', 'history', contactId],
    queryFn: () =>
      api<{ conversations: Array<{ id: string; status: string; createdAt: number }> }>(
        'GET',
        `/api/v1/contacts/${contactId}/conversations`,
      ),
    enabled: Boolean(contactId),
  });
  const messages = useQuery({
    queryKey: ['messages', conversationId],
    queryFn: () => api<{ messages: Message[] }>('GET', `/api/v1/conversations/${conversationId}/messages?limit=200`),
  });
  const lastCustomer = [...(messages.data?.messages ?? [])]
    .reverse()
    .find((m) => m.senderType === 'contact' && !m.private)?.text;
  const assist = useQuery({
    queryKey: ['routing', 'assist', conversationId, lastCustomer],
    queryFn: () => api<{ hits: Hit[] }>('POST', '/api/v1/kb/hit-test', { query: lastCustomer, limit: 3 }),
    enabled: Boolean(lastCustomer),
    retry: false,
  });
  const fill = (text: string) =>
    text.replaceAll('{name}', detail.data?.contact.name ?? '').replaceAll('{agent}', me?.user.name ?? '');
  const post = async (text: string, isPrivate: boolean) => {
    await api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientMessageId: crypto.randomUUID(),
      text,
      private: isPrivate,
    });
    void client.invalidateQueries({ queryKey: ['messages', conversationId] });
  };
  const act = async (work: () => Promise<unknown>) => {
    await work();
    void client.invalidateQueries({ queryKey: ['routing'] });
    void client.invalidateQueries({ queryKey: ['conversation'] });
  };
  const contact = detail.data?.contact;
  return (
    <aside className="rt-panel" data-testid="customer-panel">
      <section>
        <h3>{tx('profile')}</h3>
        {contact && (
          <dl className="rt-facts">
            <dt>{contact.name}</dt>
            <dd data-testid="customer-tier" className={`rt-tier rt-tier-${contact.tier}`}>
              {tx('tier')}: {contact.tier.toUpperCase()}
            </dd>
            {Object.entries(contact.attributes).map(([key, value]) => (
              <dd key={key}>
                {key}: {String(value)}
              </dd>
            ))}
          </dl>
        )}
        <h4>{tx('history')}</h4>
        <ul className="rt-list">
          {(history.data?.conversations ?? [])
            .filter((c) => c.id !== conversationId)
            .slice(0, 5)
            .map((c) => (
              <li key={c.id}>
                {new Date(c.createdAt).toLocaleDateString(locale)} · {c.status}
              </li>
            ))}
        </ul>
      </section>
      <section>
        <h3>{tx('assist')}</h3>
        {(assist.data?.hits ?? []).length === 0 && <p className="empty">{tx('assistEmpty')}</p>}
        {(assist.data?.hits ?? []).map((hit) => (
          <div key={hit.title} className="rt-hit" data-testid="assist-hit">
            <strong>{hit.title}</strong>
            <p>{hit.answerText ?? hit.snippet}</p>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setDraft(hit.answerText ?? hit.snippet ?? '')}
            >
              {tx('insert')}
            </button>
          </div>
        ))}
        <h4>{tx('canned')}</h4>
        <div className="rt-canned">
          {CANNED.map((c) => (
            <button
              key={c.id}
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => setDraft(fill(locale === 'en' ? c.en : c.zh))}
            >
              {fill(locale === 'en' ? c.en : c.zh).slice(0, 14)}…
            </button>
          ))}
        </div>
      </section>
      <section>
        <label className="rt-compose">
          {tx('compose')}
          <textarea
            value={draft}
            data-testid="assist-compose"
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && e.ctrlKey && draft.trim()) void post(draft, false).then(() => setDraft(''));
            }}
          />
        </label>
        <div className="rt-row">
          <button
            type="button"
            className="btn"
            disabled={!draft.trim()}
            onClick={() => void post(draft, false).then(() => setDraft(''))}
          >
            {tx('send')}
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            disabled={!draft.trim()}
            onClick={() => void post(draft, true).then(() => setDraft(''))}
          >
            {tx('note')}
          </button>
        </div>
      </section>
      <section>
        <h3>{tx('transfer')}</h3>
        <input
          placeholder={tx('toTeam')}
          value={team}
          onChange={(e) => setTeam(e.target.value)}
          data-testid="transfer-team"
        />
        <input placeholder={tx('transferNote')} value={note} onChange={(e) => setNote(e.target.value)} />
        <div className="rt-row">
          <button
            type="button"
            className="btn btn-small"
            disabled={!team}
            onClick={() =>
              void act(() =>
                api('POST', `/api/v1/routing/conversations/${conversationId}/transfer`, {
                  toTeam: team,
                  ...(note ? { note } : {}),
                }),
              )
            }
          >
            {tx('transfer')}
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() =>
              void act(() =>
                api('POST', `/api/v1/routing/conversations/${conversationId}/escalate`, note ? { note } : {}),
              )
            }
          >
            {tx('escalate')}
          </button>
        </div>
        <h3>{tx('resolve')}</h3>
        <div className="rt-row">
          <select
            value={disposition}
            onChange={(e) => setDisposition(e.target.value as typeof disposition)}
            aria-label={tx('disposition')}
            data-testid="disposition"
          >
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {tx(`disposition.${d}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-small"
            data-testid="resolve-with-disposition"
            onClick={() =>
              void act(async () => {
                // The disposition is kept as an internal note: reports read it from the thread.
                await post(`${tx('disposition')}: ${tx(`disposition.${disposition}`)} [${disposition}]`, true);
                await api('POST', `/api/v1/conversations/${conversationId}/transitions`, { to: 'resolved' });
              })
            }
          >
            {tx('resolve')}
          </button>
        </div>
      </section>
    </aside>
  );
}
