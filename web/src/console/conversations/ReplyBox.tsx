import { type KeyboardEvent, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useSendMessage } from './queries.ts';

/** Reply or internal note. Enter sends, Shift+Enter breaks the line, Enter inside an IME composition does neither. */
export function ReplyBox({ conversationId, disabled }: { conversationId: string; disabled: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [note, setNote] = useState(false);
  const send = useSendMessage(conversationId);

  const submit = () => {
    const value = text.trim();
    if (!value || send.isPending) return;
    send.mutate({ text: value, private: note }, { onSuccess: () => setText('') });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit();
    }
  };

  if (disabled) return <p className="reply-closed">{t('reply.closed')}</p>;

  return (
    <form
      className={`reply ${note ? 'reply-note' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="reply-modes" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={!note}
          className={`tab ${note ? '' : 'tab-active'}`}
          onClick={() => setNote(false)}
        >
          {t('reply.modeReply')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={note}
          className={`tab ${note ? 'tab-active' : ''}`}
          onClick={() => setNote(true)}
        >
          {t('reply.modeNote')}
        </button>
      </div>
      <textarea
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={note ? t('reply.notePlaceholder') : t('reply.placeholder')}
        aria-label={t('reply.label')}
        maxLength={10_000}
        rows={3}
        data-testid="reply-input"
      />
      {send.error && <ErrorNotice error={send.error} />}
      <div className="reply-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={send.isPending || text.trim() === ''}
          data-testid="reply-send"
        >
          {send.isPending ? t('reply.sending') : note ? t('reply.saveNote') : t('reply.send')}
        </button>
      </div>
    </form>
  );
}
