import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ConversationList } from './ConversationList.tsx';
import { ConversationView } from './ConversationView.tsx';
import type { ConversationFilter } from './queries.ts';

/** The agent's inbox: conversations on the left, the selected one on the right. */
export function ConversationsPage() {
  const { t } = useI18n();
  const { conversationId } = useParams();
  const [filter, setFilter] = useState<ConversationFilter>({});
  return (
    <div className="split">
      <ConversationList filter={filter} onFilter={setFilter} />
      {conversationId ? (
        <ConversationView key={conversationId} conversationId={conversationId} />
      ) : (
        <section className="detail-pane detail-empty">
          <p className="empty">{t('detail.pick')}</p>
        </section>
      )}
    </div>
  );
}
