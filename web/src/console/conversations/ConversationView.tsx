import type { ConversationStatus } from '../../shared/api-types.ts';
import { useMe } from '../auth/session.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { HandoffBrief } from './HandoffBrief.tsx';
import { contactName } from './labels.ts';
import { MessageList } from './MessageList.tsx';
import { useConversation, useMessages, useTransition } from './queries.ts';
import { ReplyBox } from './ReplyBox.tsx';

const REOPENABLE: ConversationStatus[] = ['resolved'];
const RESOLVABLE: ConversationStatus[] = ['bot', 'queued', 'assigned'];

export function ConversationView({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const me = useMe().data;
  const conversation = useConversation(conversationId);
  const messages = useMessages(conversationId);
  const transition = useTransition(conversationId);
  const detail = conversation.data;

  if (conversation.error) return <ErrorNotice error={conversation.error} onRetry={() => void conversation.refetch()} />;
  if (!detail) return <p className="empty">{t('detail.loading')}</p>;

  const assignee =
    detail.assigneeId === null
      ? t('detail.assigneeNone')
      : detail.assigneeId === me?.user.id
        ? t('detail.assigneeMe')
        : detail.assigneeId;

  return (
    <section className="detail-pane" aria-label={contactName(detail.contact, t)}>
      <header className="detail-head">
        <div>
          <h2>
            {contactName(detail.contact, t)}
            {detail.contact?.tier && (
              <span className={`tag tag-${detail.contact.tier}`}>{t(`tier.${detail.contact.tier}`)}</span>
            )}
          </h2>
          <p className="muted">
            <span className={`status status-${detail.status}`} data-testid="conversation-status">
              {t(`status.${detail.status}`)}
            </span>
            <span>
              {t('detail.assignee')}: {assignee}
            </span>
            {detail.contact?.email && <span>{detail.contact.email}</span>}
          </p>
        </div>
        <div className="detail-actions">
          {RESOLVABLE.includes(detail.status) && (
            <button
              type="button"
              className="btn"
              disabled={transition.isPending}
              onClick={() => transition.mutate('resolved')}
            >
              {t('detail.resolve')}
            </button>
          )}
          {REOPENABLE.includes(detail.status) && (
            <button
              type="button"
              className="btn"
              disabled={transition.isPending}
              onClick={() => transition.mutate('queued')}
            >
              {t('detail.reopen')}
            </button>
          )}
        </div>
      </header>
      {transition.error && <ErrorNotice error={transition.error} />}
      <HandoffBrief conversationId={conversationId} />
      <div className="thread-scroll">
        {messages.error && <ErrorNotice error={messages.error} onRetry={() => void messages.refetch()} />}
        {messages.data && <MessageList messages={messages.data} myUserId={me?.user.id} />}
      </div>
      <ReplyBox conversationId={conversationId} disabled={detail.status === 'closed'} />
    </section>
  );
}
