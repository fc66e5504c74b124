import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { type Gap, useGaps, useSetGapStatus } from './acq-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import type { KbMessageKey } from './kb-messages.ts';
import { useKbRights } from './rights.ts';

/** A tiny bar chart of questions per day, oldest first. */
function Trend({ values }: { values: number[] }) {
  const max = Math.max(1, ...values);
  return (
    <span className="kb-trend" aria-hidden="true">
      {values.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one bar per day, in day order
        <span key={i} style={{ height: `${Math.max(2, (v / max) * 100)}%` }} title={String(v)} />
      ))}
    </span>
  );
}

/** Questions the bot could not answer (or answered unsure), clustered: counts, examples, trend. */
export function Gaps() {
  const { t } = useKbI18n();
  const [status, setStatus] = useState<Gap['status']>('open');
  const [days, setDays] = useState(14);
  const gaps = useGaps(status, days);
  return (
    <section className="kb-panel">
      <header className="kb-panel-head">
        <div>
          <h2>{t('gaps.title')}</h2>
          <p className="muted">{t('gaps.help')}</p>
        </div>
        <div className="kb-filters">
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as Gap['status'])}
            aria-label={t('field.status')}
          >
            <option value="open">{t('gaps.open')}</option>
            <option value="dismissed">{t('gaps.dismissed')}</option>
          </select>
          <select value={days} onChange={(e) => setDays(Number(e.target.value))} aria-label={t('gaps.window')}>
            {[7, 14, 30, 90].map((d) => (
              <option key={d} value={d}>
                {t('gaps.days', { n: d })}
              </option>
            ))}
          </select>
        </div>
      </header>
      {gaps.error && <ErrorNotice error={gaps.error} onRetry={() => void gaps.refetch()} />}
      {gaps.isPending && <p className="empty">{t('common.loading')}</p>}
      {gaps.data?.length === 0 && <p className="empty">{t('gaps.empty')}</p>}
      <ul className="kb-cards">
        {gaps.data?.map((g) => (
          <GapCard key={g.id} gap={g} />
        ))}
      </ul>
    </section>
  );
}

function GapCard({ gap }: { gap: Gap }) {
  const { t, dateTime } = useKbI18n();
  const rights = useKbRights();
  const setStatus = useSetGapStatus();
  const params = new URLSearchParams({ kind: 'faq', language: gap.language, title: gap.question });
  return (
    <li className="kb-card kb-gap" data-testid="kb-gap">
      <div className="kb-source-head">
        <span className="kb-freq">{gap.count}</span>
        <strong>{gap.question}</strong>
        <span className={`kb-direction kb-direction-${gap.direction}`}>
          {t(`gaps.${gap.direction}` as KbMessageKey)}
        </span>
        <Trend values={gap.trend} />
      </div>
      <p className="muted kb-meta">
        {t('gaps.counts', { none: gap.unansweredCount, low: gap.count - gap.unansweredCount })} ·{' '}
        {t('gaps.last', { at: dateTime(gap.lastAt) })}
      </p>
      <ul className="kb-examples">
        {gap.examples.map((e) => (
          <li key={`${e.at}-${e.question}`}>
            «{e.question}»{e.confidence !== null && <span className="muted"> · {Math.round(e.confidence * 100)}%</span>}
            {e.conversationId && (
              <Link to={`/conversations/${e.conversationId}`} className="kb-conv-link">
                {t('gaps.conversation')}
              </Link>
            )}
          </li>
        ))}
      </ul>
      {rights.gapsManage && (
        <div className="kb-button-row">
          {gap.status === 'open' && rights.write && (
            <Link to={`/knowledge/articles/new?${params}`} className="btn btn-small btn-primary">
              {t('gaps.write')}
            </Link>
          )}
          <button
            type="button"
            className="btn btn-small"
            disabled={setStatus.isPending}
            onClick={() => setStatus.mutate({ id: gap.id, status: gap.status === 'open' ? 'dismissed' : 'open' })}
          >
            {gap.status === 'open' ? t('gaps.dismiss') : t('gaps.reopen')}
          </button>
        </div>
      )}
      {setStatus.error != null && <ErrorNotice error={setStatus.error} />}
    </li>
  );
}
