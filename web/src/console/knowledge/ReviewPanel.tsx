import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useReviewAction, useReviewHistory } from './kb-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import type { KbMessageKey } from './kb-messages.ts';
import type { Article, ArticleStatus, ReviewAction } from './kb-types.ts';
import { StatusBadge, useActorLabel } from './parts.tsx';
import { type KbRights, useKbRights } from './rights.ts';

/** Where each action may start (server/src/knowledge/status.ts) and who may take it. */
const ACTIONS: { action: ReviewAction; from: ArticleStatus[]; allowed: (r: KbRights) => boolean; tone: string }[] = [
  { action: 'submit', from: ['draft'], allowed: (r) => r.write, tone: 'btn-primary' },
  { action: 'publish', from: ['in_review'], allowed: (r) => r.review, tone: 'btn-primary' },
  { action: 'reject', from: ['in_review'], allowed: (r) => r.review, tone: 'btn-danger' },
  { action: 'withdraw', from: ['in_review'], allowed: (r) => r.write, tone: '' },
  { action: 'archive', from: ['draft', 'in_review', 'published'], allowed: (r) => r.review, tone: '' },
];

/** The review workflow of one article: its state, the moves this role can make, and what happened so far. */
export function ReviewPanel({
  article,
  dirty,
  onChanged,
}: {
  article: Article;
  dirty: boolean;
  onChanged: (article: Article) => void;
}) {
  const { t, dateTime } = useKbI18n();
  const rights = useKbRights();
  const review = useReviewAction(article.id);
  const history = useReviewHistory(article.id);
  const [note, setNote] = useState('');
  const actor = useActorLabel();
  const { has } = useKbI18n();
  const eventLabel = (action: string) => {
    const key = `event.${action}`;
    return has(key) ? t(key) : action;
  };
  const available = ACTIONS.filter((a) => a.from.includes(article.status) && a.allowed(rights));
  // The server refuses a reviewer who wrote the changes under review; say so before they try.
  const ownChanges = rights.userId !== null && article.updatedBy === rights.userId;

  const act = (action: ReviewAction) => {
    if (action === 'reject' && !note.trim()) return;
    review.mutate(
      { action, version: article.version, note: note.trim() || undefined },
      {
        onSuccess: (updated) => {
          setNote('');
          onChanged(updated);
          void history.refetch();
        },
      },
    );
  };

  return (
    <div className="kb-side-body" data-testid="kb-review-panel">
      <dl className="kb-facts">
        <dt>{t('field.status')}</dt>
        <dd>
          <StatusBadge status={article.status} />
        </dd>
        <dt>{t('review.liveVersion')}</dt>
        <dd>{article.liveVersion === null ? t('review.notLive') : `v${article.liveVersion}`}</dd>
        {article.publishedAt !== null && (
          <>
            <dt>{t('review.publishedAt')}</dt>
            <dd>{dateTime(article.publishedAt)}</dd>
          </>
        )}
      </dl>
      <p className="muted kb-help">{t(`review.help.${article.status}` as KbMessageKey)}</p>

      {available.length > 0 && (
        <div className="kb-review-actions">
          {dirty && <p className="notice notice-warn">{t('review.saveFirst')}</p>}
          {rights.review && ownChanges && article.status === 'in_review' && (
            <p className="notice notice-warn">{t('review.ownChanges')}</p>
          )}
          {rights.review && (
            <textarea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              rows={2}
              maxLength={2000}
              placeholder={t('review.notePlaceholder')}
              aria-label={t('review.note')}
              data-testid="kb-review-note"
            />
          )}
          <div className="kb-button-row">
            {available.map(({ action, tone }) => (
              <button
                key={action}
                type="button"
                className={`btn ${tone}`}
                disabled={
                  review.isPending ||
                  dirty ||
                  (action === 'reject' && !note.trim()) ||
                  (action === 'publish' && ownChanges)
                }
                title={action === 'reject' && !note.trim() ? t('review.rejectNeedsNote') : undefined}
                onClick={() => act(action)}
                data-testid={`kb-action-${action}`}
              >
                {t(`action.${action}` as KbMessageKey)}
              </button>
            ))}
          </div>
        </div>
      )}
      {review.error != null && <ErrorNotice error={review.error} />}

      <h3 className="kb-side-title">{t('review.history')}</h3>
      {history.error && <ErrorNotice error={history.error} />}
      {history.data?.length === 0 && <p className="muted">{t('review.noHistory')}</p>}
      <ol className="kb-timeline">
        {history.data
          ?.slice()
          .reverse()
          .map((e) => (
            <li key={e.id} className={`kb-timeline-${e.action}`}>
              <span className="kb-timeline-head">
                <strong>{eventLabel(e.action)}</strong>
                <span className="muted">
                  v{e.version} · {dateTime(e.at)}
                </span>
              </span>
              <span className="muted">{actor(e.actorId)}</span>
              {e.note && <q className="kb-note">{e.note}</q>}
            </li>
          ))}
      </ol>
    </div>
  );
}
