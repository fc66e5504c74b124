import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useDiff, useRollback, useVersions } from './kb-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import type { KbMessageKey } from './kb-messages.ts';
import type { Article, DiffLine, FieldChange } from './kb-types.ts';
import { useActorLabel } from './parts.tsx';
import { useKbRights } from './rights.ts';

const FIELD_KEYS: Record<string, KbMessageKey> = {
  title: 'field.title',
  alternates: 'field.alternates',
  answer: 'field.answer',
  body: 'field.body',
  categoryId: 'field.category',
  tags: 'field.tags',
  channels: 'field.channels',
  effectiveFrom: 'field.effectiveFrom',
  effectiveTo: 'field.effectiveTo',
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join('、') : '—';
  return String(value);
}

/** Every version, newest first; two of them compared field by field and line by line; rollback to any of them. */
export function VersionHistory({ article, onRolledBack }: { article: Article; onRolledBack: (a: Article) => void }) {
  const { t, dateTime } = useKbI18n();
  const rights = useKbRights();
  const versions = useVersions(article.id);
  const rollback = useRollback(article.id);
  const actor = useActorLabel();
  const [from, setFrom] = useState(Math.max(1, article.version - 1));
  const [to, setTo] = useState(article.version);
  const diff = useDiff(article.id, from, to);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [done, setDone] = useState<{ version: number; live: boolean } | null>(null);

  return (
    <div className="kb-side-body" data-testid="kb-history">
      {versions.error && <ErrorNotice error={versions.error} />}
      <ol className="kb-versions">
        {versions.data
          ?.slice()
          .sort((a, b) => b.version - a.version)
          .map((v) => (
            <li key={v.id} className={v.version === article.liveVersion ? 'kb-version-live' : ''}>
              <div className="kb-version-head">
                <strong>v{v.version}</strong>
                {v.version === article.liveVersion && <span className="kb-live-pill">{t('history.live')}</span>}
                <span className="muted">{dateTime(v.createdAt)}</span>
              </div>
              <div className="muted kb-version-meta">
                {v.authorId ? actor(v.authorId) : t(`actor.${v.authorType}` as KbMessageKey)}
                {v.changed.length > 0 &&
                  ` · ${v.changed.map((f) => (FIELD_KEYS[f] ? t(FIELD_KEYS[f]) : f)).join('、')}`}
              </div>
              {v.note && <q className="kb-note">{v.note}</q>}
              <div className="kb-button-row">
                <label className="kb-radio">
                  <input type="radio" name="from" checked={from === v.version} onChange={() => setFrom(v.version)} />
                  {t('history.from')}
                </label>
                <label className="kb-radio">
                  <input type="radio" name="to" checked={to === v.version} onChange={() => setTo(v.version)} />
                  {t('history.to')}
                </label>
                {rights.editorial && v.version !== article.version && (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => setConfirming(v.version)}
                    data-testid={`kb-rollback-${v.version}`}
                  >
                    {t('history.rollback')}
                  </button>
                )}
              </div>
              {confirming === v.version && (
                <div className="notice notice-warn">
                  <span>
                    {rights.review
                      ? t('history.rollbackLive', { v: v.version })
                      : t('history.rollbackDraft', { v: v.version })}
                  </span>
                  <button
                    type="button"
                    className="btn btn-small btn-primary"
                    disabled={rollback.isPending}
                    onClick={() =>
                      rollback.mutate(
                        { toVersion: v.version, expectedVersion: article.version },
                        {
                          onSuccess: (result) => {
                            setConfirming(null);
                            setDone({ version: v.version, live: result.live });
                            setTo(result.version);
                            setFrom(v.version);
                            onRolledBack(result);
                            void versions.refetch();
                          },
                        },
                      )
                    }
                    data-testid="kb-rollback-confirm"
                  >
                    {t('action.confirm')}
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => setConfirming(null)}>
                    {t('action.cancel')}
                  </button>
                </div>
              )}
            </li>
          ))}
      </ol>
      {rollback.error != null && <ErrorNotice error={rollback.error} />}
      {done && (
        <p className="notice notice-ok">
          {done.live
            ? t('history.rolledBackLive', { v: done.version })
            : t('history.rolledBackDraft', { v: done.version })}
        </p>
      )}

      <h3 className="kb-side-title">{t('history.diffTitle', { from, to })}</h3>
      {from === to && <p className="muted">{t('history.pickTwo')}</p>}
      {diff.error && <ErrorNotice error={diff.error} />}
      {diff.data && <DiffBody changes={diff.data.changes} lines={diff.data.lines} />}
    </div>
  );
}

function DiffBody({ changes, lines }: { changes: FieldChange[]; lines: Record<string, DiffLine[]> }) {
  const { t } = useKbI18n();
  if (changes.length === 0) return <p className="muted">{t('history.same')}</p>;
  return (
    <div className="kb-diff" data-testid="kb-diff">
      {changes.map((change) => (
        <div key={change.field} className="kb-diff-field">
          <h4>{FIELD_KEYS[change.field] ? t(FIELD_KEYS[change.field] as KbMessageKey) : change.field}</h4>
          {lines[change.field] ? (
            <pre className="kb-diff-lines">
              {lines[change.field]?.map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines of one diff have no identity but their place
                <span key={i} className={`kb-diff-${line.op}`}>
                  {line.op === 'added' ? '+ ' : line.op === 'removed' ? '− ' : '  '}
                  {line.text}
                  {'\n'}
                </span>
              ))}
            </pre>
          ) : (
            <div className="kb-diff-pair">
              <del>{show(change.before)}</del>
              <ins>{show(change.after)}</ins>
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
