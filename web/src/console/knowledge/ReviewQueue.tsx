import { Link } from 'react-router-dom';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useReviewQueue } from './kb-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import type { KbMessageKey } from './kb-messages.ts';
import { useKbRights } from './rights.ts';

/** Articles waiting for a reviewer, oldest submission first (the queue is worked in order). */
export function ReviewQueue() {
  const { t, dateTime } = useKbI18n();
  const rights = useKbRights();
  const queue = useReviewQueue();
  return (
    <section className="kb-panel">
      <header className="kb-panel-head">
        <div>
          <h2>{t('queue.title')}</h2>
          <p className="muted">{rights.review ? t('queue.helpReviewer') : t('queue.helpEditor')}</p>
        </div>
        <button type="button" className="btn" onClick={() => void queue.refetch()}>
          {t('action.refresh')}
        </button>
      </header>
      {queue.error && <ErrorNotice error={queue.error} onRetry={() => void queue.refetch()} />}
      {queue.isPending && <p className="empty">{t('common.loading')}</p>}
      {queue.data?.length === 0 && <p className="empty">{t('queue.empty')}</p>}
      <ul className="kb-cards">
        {queue.data?.map((a) => (
          <li key={a.id} className="kb-card" data-testid="kb-queue-item">
            <Link to={`/knowledge/articles/${a.id}`} className="kb-title-link">
              {a.title}
            </Link>
            <span className="muted kb-meta">
              {t(`kind.${a.kind}` as KbMessageKey)} · {t(`lang.${a.language}` as KbMessageKey)} · v{a.version} ·{' '}
              {t('queue.submitted', { at: dateTime(a.updatedAt) })}
              {a.updatedBy === rights.userId && <> · {t('queue.yours')}</>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
