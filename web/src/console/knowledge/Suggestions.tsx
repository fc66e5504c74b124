import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { type Suggestion, useDecideSuggestion, useSuggestions } from './acq-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import type { KbMessageKey } from './kb-messages.ts';
import { useKbRights } from './rights.ts';

const STATUSES: Suggestion['status'][] = ['pending', 'accepted', 'rejected'];

/** Question → answer pairs mined from agents' conversations, most asked first: accept makes a draft, reject hides. */
export function Suggestions() {
  const { t } = useKbI18n();
  const [status, setStatus] = useState<Suggestion['status']>('pending');
  const suggestions = useSuggestions(status);
  return (
    <section className="kb-panel">
      <header className="kb-panel-head">
        <div>
          <h2>{t('suggest.title')}</h2>
          <p className="muted">{t('suggest.help')}</p>
        </div>
        <div className="tabs" role="tablist">
          {STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={status === s}
              className={`tab ${status === s ? 'tab-active' : ''}`}
              onClick={() => setStatus(s)}
            >
              {t(`suggest.${s}` as KbMessageKey)}
            </button>
          ))}
        </div>
      </header>
      {suggestions.error && <ErrorNotice error={suggestions.error} onRetry={() => void suggestions.refetch()} />}
      {suggestions.isPending && <p className="empty">{t('common.loading')}</p>}
      {suggestions.data?.length === 0 && <p className="empty">{t('suggest.empty')}</p>}
      <ul className="kb-cards">
        {suggestions.data?.map((s) => (
          <SuggestionCard key={s.id} suggestion={s} />
        ))}
      </ul>
    </section>
  );
}

function SuggestionCard({ suggestion }: { suggestion: Suggestion }) {
  const { t } = useKbI18n();
  const rights = useKbRights();
  const decide = useDecideSuggestion();
  const [question, setQuestion] = useState(suggestion.question);
  const [answer, setAnswer] = useState(suggestion.answer);
  const pending = suggestion.status === 'pending';
  const editable = pending && rights.acquireWrite;
  return (
    <li className="kb-card kb-suggestion" data-testid="kb-suggestion">
      <div className="kb-source-head">
        <span className="kb-freq" title={t('suggest.frequency')}>
          ×{suggestion.frequency}
        </span>
        {editable ? (
          <input
            className="kb-suggest-q"
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            aria-label={t('field.standardQuestion')}
          />
        ) : (
          <strong>{suggestion.question}</strong>
        )}
        <span className="kb-chip kb-chip-small">{t(`lang.${suggestion.language}` as KbMessageKey)}</span>
      </div>
      {suggestion.alternates.length > 0 && (
        <p className="muted kb-meta">
          {t('field.alternates')}: {suggestion.alternates.join(' / ')}
        </p>
      )}
      {editable ? (
        <textarea value={answer} onChange={(e) => setAnswer(e.target.value)} rows={3} aria-label={t('field.answer')} />
      ) : (
        <p className="kb-suggest-answer">{suggestion.answer}</p>
      )}
      <p className="muted kb-meta">
        {t('suggest.from', { n: suggestion.conversationIds.length })}{' '}
        {suggestion.conversationIds.slice(0, 5).map((id) => (
          <Link key={id} to={`/conversations/${id}`} className="kb-conv-link">
            {id.slice(-6)}
          </Link>
        ))}
      </p>
      {suggestion.articleId && <Link to={`/knowledge/articles/${suggestion.articleId}`}>{t('suggest.openDraft')}</Link>}
      {editable && (
        <div className="kb-button-row">
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={decide.isPending || !question.trim()}
            onClick={() =>
              decide.mutate({
                id: suggestion.id,
                decision: 'accept',
                edits: {
                  ...(question !== suggestion.question ? { question: question.trim() } : {}),
                  // Edited answers are plain text: escape them, the article keeps HTML.
                  ...(answer !== suggestion.answer ? { answer: textToHtml(answer) } : {}),
                },
              })
            }
          >
            {t('suggest.accept')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ id: suggestion.id, decision: 'reject' })}
          >
            {t('suggest.reject')}
          </button>
        </div>
      )}
      {decide.error != null && <ErrorNotice error={decide.error} />}
    </li>
  );
}

/** Plain text as paragraphs of escaped HTML. */
export function textToHtml(text: string): string {
  const escapeHtml = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
