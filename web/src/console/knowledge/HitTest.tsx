import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useCategories, useHitTest } from './kb-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import type { KbMessageKey } from './kb-messages.ts';
import type { Hit } from './kb-types.ts';
import { CategorySelect, ConfidenceBar } from './parts.tsx';
import { useKbRights } from './rights.ts';

const VIAS = ['exact', 'synonym', 'pinyin', 'ngram', 'learned'] as const;
const FIELDS = ['title', 'alternate', 'learned', 'body'] as const;
const isVia = (via: string): via is (typeof VIAS)[number] => (VIAS as readonly string[]).includes(via);

function useLabels() {
  const { t } = useKbI18n();
  return {
    via: (via: string) => (isVia(via) ? t(`via.${via}`) : via),
    viaHelp: (via: string) => (isVia(via) ? t(`via.${via}.help`) : via),
    field: (field: string) =>
      (FIELDS as readonly string[]).includes(field) ? t(`hitField.${field as (typeof FIELDS)[number]}`) : field,
  };
}

/** A text with the ranges the index matched marked up (as React text nodes: nothing here is parsed as HTML). */
export function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: text.slice(at, from), mark: false });
    parts.push({ text: text.slice(from, end), mark: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return (
    <>
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: fragments of one string, identified by their order
        p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </>
  );
}

/** What a question retrieves from the published knowledge base, and why: matched terms, how they matched, scores. */
export function HitTest() {
  const { t } = useKbI18n();
  const rights = useKbRights();
  const categories = useCategories();
  const hitTest = useHitTest();
  const [question, setQuestion] = useState('');
  const [language, setLanguage] = useState('');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [channel, setChannel] = useState('');
  const [tag, setTag] = useState('');

  const run = () => {
    const query = question.trim();
    if (!query) return;
    hitTest.mutate({
      query,
      filters: {
        ...(language ? { language } : {}),
        ...(categoryId ? { categoryId } : {}),
        ...(channel.trim() ? { channel: channel.trim() } : {}),
        ...(tag.trim() ? { tag: tag.trim() } : {}),
      },
      limit: 10,
    });
  };
  const result = hitTest.data;

  return (
    <section className="kb-panel">
      <header className="kb-panel-head">
        <div>
          <h2>{t('hit.title')}</h2>
          <p className="muted">{t('hit.help')}</p>
        </div>
      </header>
      <form
        className="kb-hit-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <input
          className="kb-hit-input"
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          placeholder={t('hit.placeholder')}
          aria-label={t('hit.question')}
          maxLength={1000}
          data-testid="kb-hit-input"
        />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={hitTest.isPending || !question.trim()}
          data-testid="kb-hit-run"
        >
          {hitTest.isPending ? t('hit.running') : t('hit.run')}
        </button>
        <div className="kb-filters kb-hit-filters">
          <select value={language} onChange={(e) => setLanguage(e.target.value)} aria-label={t('field.language')}>
            <option value="">{t('filter.anyLanguage')}</option>
            <option value="zh">{t('lang.zh')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
          <CategorySelect
            categories={categories.data ?? []}
            value={categoryId}
            onChange={setCategoryId}
            emptyLabel={t('filter.anyCategory')}
            label={t('field.category')}
          />
          <input
            value={channel}
            onChange={(e) => setChannel(e.target.value)}
            placeholder={t('field.channel')}
            aria-label={t('field.channel')}
          />
          <input
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            placeholder={t('field.tag')}
            aria-label={t('field.tag')}
          />
        </div>
      </form>
      <p className="kb-legend muted">
        {t('hit.legend')}
        {VIAS.map((via) => (
          <span key={via} className={`kb-via kb-via-${via}`} title={t(`via.${via}.help`)}>
            {t(`via.${via}`)}
          </span>
        ))}
      </p>
      {hitTest.error != null && <ErrorNotice error={hitTest.error} />}
      {result && (
        <div data-testid="kb-hit-results">
          <p className="muted kb-hit-summary">{t('hit.summary', { n: result.hits.length, ms: result.tookMs })}</p>
          {result.hits.length === 0 && <p className="empty">{t('hit.none')}</p>}
          <ol className="kb-hits">
            {result.hits.map((hit, rank) => (
              <HitCard key={hit.docId} hit={hit} rank={rank + 1} linkable={rights.editorial} />
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

function HitCard({ hit, rank, linkable }: { hit: Hit; rank: number; linkable: boolean }) {
  const { t } = useKbI18n();
  const label = useLabels();
  const titleHighlight = hit.highlights.find((h) => h.field === 'title');
  const others = hit.highlights.filter((h) => h !== titleHighlight);
  return (
    <li className="kb-hit" data-testid="kb-hit" data-article-id={hit.articleId}>
      <div className="kb-hit-head">
        <span className="kb-rank">#{rank}</span>
        <span className="kb-hit-title" data-testid="kb-hit-title">
          {titleHighlight ? (
            <Highlighted text={titleHighlight.text} ranges={titleHighlight.ranges} />
          ) : (
            hit.article.title
          )}
        </span>
        <span className="kb-chip kb-chip-small">{hit.kind === 'faq' ? t('kind.faq') : t('hit.passage')}</span>
        <span className="kb-chip kb-chip-small">{t(`lang.${hit.article.language}` as KbMessageKey)}</span>
        {linkable && (
          <Link to={`/knowledge/articles/${hit.articleId}`} className="kb-hit-open">
            {t('hit.open')}
          </Link>
        )}
      </div>
      <div className="kb-hit-scores">
        <span>
          {t('hit.confidence')} <ConfidenceBar value={hit.confidence} />
        </span>
        <span className="muted" data-testid="kb-hit-score">
          {t('hit.score')} {hit.score.toFixed(3)}
        </span>
      </div>
      {hit.passage && (
        <p className="kb-hit-passage">
          {hit.passage.heading && <strong>{hit.passage.heading} · </strong>}
          {hit.passage.text.slice(0, 240)}
        </p>
      )}
      <div className="kb-hit-why" data-testid="kb-hit-why">
        <span className="muted">{t('hit.why')}</span>
        {hit.matched.length === 0 && <span className="muted">{t('hit.noTerms')}</span>}
        {hit.matched.map((m, i) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: the same term may match twice in different ways
            key={`${m.term}-${m.via}-${i}`}
            className={`kb-term kb-via-${m.via}`}
            title={`${label.viaHelp(m.via)} · ${label.field(m.field)}`}
            data-via={m.via}
          >
            <b>{m.term}</b>
            <small>
              {label.via(m.via)} · {label.field(m.field)}
            </small>
          </span>
        ))}
      </div>
      {others.length > 0 && (
        <ul className="kb-hit-highlights">
          {others.slice(0, 3).map((h, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: highlights are listed in the order the index gave them
            <li key={i}>
              <span className="muted">{label.field(h.field)}：</span>
              <Highlighted text={h.text} ranges={h.ranges} />
            </li>
          ))}
        </ul>
      )}
      <details className="kb-hit-answer">
        <summary>{t('hit.answer')}</summary>
        <p>{hit.article.answerText || hit.passage?.text || '—'}</p>
      </details>
    </li>
  );
}
