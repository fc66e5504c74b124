import { useEffect, useRef } from 'react';
import type { MessageView } from '../../shared/api-types.ts';
import { formatTime } from '../../shared/locale.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The thread in seq order. Text is rendered as text: React escapes it, and line breaks are kept by CSS. */
export function MessageList({ messages, myUserId }: { messages: MessageView[]; myUserId: string | undefined }) {
  const { t, locale } = useI18n();
  const end = useRef<HTMLDivElement>(null);
  const lastId = messages[messages.length - 1]?.id;

  useEffect(() => {
    if (lastId) end.current?.scrollIntoView({ block: 'end' });
  }, [lastId]);

  if (messages.length === 0) return <p className="empty">{t('detail.noMessages')}</p>;
  return (
    <ol className="thread" aria-live="polite">
      {messages.map((message) => {
        const sender =
          message.senderType === 'agent' && message.senderId === myUserId
            ? t('sender.you')
            : t(`sender.${message.senderType}`);
        return (
          <li
            key={message.id}
            className={`bubble-row from-${message.senderType}${message.private ? ' is-private' : ''}`}
            data-testid="message"
            data-message-id={message.id}
            data-sender={message.senderType}
          >
            <div className="bubble-meta">
              <span>{sender}</span>
              {message.private && <span className="tag tag-note">{t('message.private')}</span>}
              <time dateTime={new Date(message.createdAt).toISOString()}>{formatTime(message.createdAt, locale)}</time>
            </div>
            <div className="bubble-text">{message.text}</div>
          </li>
        );
      })}
      <div ref={end} />
    </ol>
  );
}
