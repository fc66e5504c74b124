import { NavLink } from 'react-router-dom';
import type { ConversationStatus } from '../../shared/api-types.ts';
import { formatTime } from '../../shared/locale.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { contactName } from './labels.ts';
import { type ConversationFilter, useConversations } from './queries.ts';

const STATUSES: ConversationStatus[] = ['bot', 'queued', 'assigned', 'resolved', 'closed'];
const ASSIGNEE_TABS: {
  value: ConversationFilter['assignee'];
  key: 'filter.all' | 'filter.mine' | 'filter.unassigned';
}[] = [
  { value: undefined, key: 'filter.all' },
  { value: 'me', key: 'filter.mine' },
  { value: 'unassigned', key: 'filter.unassigned' },
];

export function ConversationList({
  filter,
  onFilter,
}: {
  filter: ConversationFilter;
  onFilter: (f: ConversationFilter) => void;
}) {
  const { t, locale } = useI18n();
  const conversations = useConversations(filter);

  return (
    <section className="list-pane" aria-label={t('list.title')}>
      <header className="pane-head">
        <h1>{t('list.title')}</h1>
        <div className="tabs" role="tablist">
          {ASSIGNEE_TABS.map((tab) => (
            <button
              key={tab.key}
              type="button"
              role="tab"
              aria-selected={filter.assignee === tab.value}
              className={`tab ${filter.assignee === tab.value ? 'tab-active' : ''}`}
              onClick={() => onFilter({ ...filter, assignee: tab.value })}
            >
              {t(tab.key)}
            </button>
          ))}
          <select
            className="status-filter"
            aria-label={t('filter.status')}
            value={filter.status ?? ''}
            onChange={(e) =>
              onFilter({ ...filter, status: (e.target.value || undefined) as ConversationStatus | undefined })
            }
          >
            <option value="">{t('filter.anyStatus')}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </div>
      </header>
      {conversations.error && <ErrorNotice error={conversations.error} onRetry={() => void conversations.refetch()} />}
      {conversations.isPending && <p className="empty">{t('list.loading')}</p>}
      {conversations.data?.length === 0 && <p className="empty">{t('list.empty')}</p>}
      <ul className="conversation-list">
        {conversations.data?.map((conversation) => (
          <li key={conversation.id}>
            <NavLink
              to={`/conversations/${conversation.id}`}
              className="conversation-item"
              data-testid="conversation-item"
              data-conversation-id={conversation.id}
            >
              <span className="item-top">
                <span className="item-name">
                  {contactName(conversation.contact, t)}
                  {conversation.contact.tier === 'vip' && <span className="tag tag-vip">{t('tier.vip')}</span>}
                </span>
                <time className="item-time">
                  {formatTime(conversation.lastMessageAt ?? conversation.createdAt, locale)}
                </time>
              </span>
              <span className="item-bottom">
                <span className="item-preview">{conversation.lastMessage?.text ?? t('list.noMessages')}</span>
                <span className={`status status-${conversation.status}`}>{t(`status.${conversation.status}`)}</span>
              </span>
            </NavLink>
          </li>
        ))}
      </ul>
    </section>
  );
}
