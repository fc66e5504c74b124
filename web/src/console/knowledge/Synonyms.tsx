import { useEffect, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useSaveSynonyms, useSynonyms } from './kb-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import { useKbRights } from './rights.ts';

/** One set per line, terms joined by "=" (or commas): 退款=退钱=返款. */
export function parseSynonymLines(text: string): string[][] {
  return text
    .split('\n')
    .map((line) =>
      line
        .split(/[=,，、]/)
        .map((term) => term.trim())
        .filter(Boolean),
    )
    .filter((terms) => terms.length >= 2);
}

/** The workspace's synonym sets: reviewers edit them (they change what customers are answered at once). */
export function Synonyms() {
  const { t } = useKbI18n();
  const rights = useKbRights();
  const synonyms = useSynonyms();
  const save = useSaveSynonyms();
  const [text, setText] = useState('');
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (synonyms.data && !loaded) {
      setText(synonyms.data.map((s) => s.terms.join('=')).join('\n'));
      setLoaded(true);
    }
  }, [synonyms.data, loaded]);
  const sets = parseSynonymLines(text);

  return (
    <section className="kb-panel">
      <header className="kb-panel-head">
        <div>
          <h2>{t('synonyms.title')}</h2>
          <p className="muted">{t('synonyms.help')}</p>
        </div>
      </header>
      {synonyms.error && <ErrorNotice error={synonyms.error} />}
      <textarea
        className="kb-synonyms"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={14}
        readOnly={!rights.synonyms}
        placeholder="退款=退钱=返款"
        aria-label={t('synonyms.title')}
        spellCheck={false}
      />
      <div className="kb-form-actions">
        {rights.synonyms ? (
          <button type="button" className="btn btn-primary" disabled={save.isPending} onClick={() => save.mutate(sets)}>
            {save.isPending ? t('action.saving') : t('synonyms.save', { n: sets.length })}
          </button>
        ) : (
          <span className="muted">{t('synonyms.readOnly')}</span>
        )}
        {save.isSuccess && <span className="kb-saved">{t('common.saved')}</span>}
      </div>
      {save.error != null && <ErrorNotice error={save.error} />}
    </section>
  );
}
