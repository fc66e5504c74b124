import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useArticles, useCategories } from './kb-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import type { KbMessageKey } from './kb-messages.ts';
import {
  ARTICLE_KINDS,
  ARTICLE_STATUSES,
  type ArticleFilter,
  type ArticleKind,
  type ArticleStatus,
  KB_LANGUAGES,
  type KbLanguage,
} from './kb-types.ts';
import { CategorySelect, categoryName, StatusBadge } from './parts.tsx';
import { useKbRights } from './rights.ts';

/** Every article of the workspace (drafts included), filtered by status, kind, language, category, tag and text. */
export function ArticleList() {
  const { t, locale, dateTime } = useKbI18n();
  const rights = useKbRights();
  const [filter, setFilter] = useState<ArticleFilter>({});
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const articles = useArticles(filter);
  const categories = useCategories();
  const byId = new Map((categories.data ?? []).map((c) => [c.id, c]));
  const set = (patch: Partial<ArticleFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <section className="kb-panel">
      <header className="kb-panel-head">
        <h2>{t('articles.title')}</h2>
        {rights.write && (
          <Link to="/knowledge/articles/new" className="btn btn-primary" data-testid="kb-new-article">
            {t('articles.new')}
          </Link>
        )}
      </header>
      <form
        className="kb-filters"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search.trim() || undefined, tag: tag.trim() || undefined });
        }}
      >
        <input
          type="search"
          className="kb-search"
          value={search}
          placeholder={t('articles.searchPlaceholder')}
          aria-label={t('articles.search')}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="kb-article-search"
        />
        <select
          aria-label={t('field.status')}
          value={filter.status ?? ''}
          onChange={(e) => set({ status: (e.target.value || undefined) as ArticleStatus | undefined })}
          data-testid="kb-filter-status"
        >
          <option value="">{t('filter.anyStatus')}</option>
          {ARTICLE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}` as KbMessageKey)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('field.kind')}
          value={filter.kind ?? ''}
          onChange={(e) => set({ kind: (e.target.value || undefined) as ArticleKind | undefined })}
        >
          <option value="">{t('filter.anyKind')}</option>
          {ARTICLE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}` as KbMessageKey)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('field.language')}
          value={filter.language ?? ''}
          onChange={(e) => set({ language: (e.target.value || undefined) as KbLanguage | undefined })}
        >
          <option value="">{t('filter.anyLanguage')}</option>
          {KB_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`lang.${l}` as KbMessageKey)}
            </option>
          ))}
        </select>
        <CategorySelect
          categories={categories.data ?? []}
          value={filter.categoryId ?? null}
          onChange={(id) => set({ categoryId: id ?? undefined })}
          emptyLabel={t('filter.anyCategory')}
          label={t('field.category')}
        />
        <input
          value={tag}
          className="kb-tag-filter"
          placeholder={t('field.tag')}
          aria-label={t('field.tag')}
          onChange={(e) => setTag(e.target.value)}
        />
        <button type="submit" className="btn">
          {t('action.filter')}
        </button>
      </form>
      {articles.error && <ErrorNotice error={articles.error} onRetry={() => void articles.refetch()} />}
      {articles.isPending && <p className="empty">{t('common.loading')}</p>}
      {articles.data?.length === 0 && <p className="empty">{t('articles.empty')}</p>}
      {articles.data && articles.data.length > 0 && (
        <table className="kb-table" data-testid="kb-article-table">
          <thead>
            <tr>
              <th>{t('field.title')}</th>
              <th>{t('field.kind')}</th>
              <th>{t('field.language')}</th>
              <th>{t('field.category')}</th>
              <th>{t('field.status')}</th>
              <th>{t('field.version')}</th>
              <th>{t('field.updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {articles.data.map((a) => {
              const category = a.categoryId ? byId.get(a.categoryId) : undefined;
              return (
                <tr key={a.id} data-testid="kb-article-row">
                  <td>
                    <Link to={`/knowledge/articles/${a.id}`} className="kb-title-link">
                      {a.title}
                    </Link>
                    {a.tags.length > 0 && (
                      <span className="kb-row-tags">
                        {a.tags.map((tagName) => (
                          <span key={tagName} className="kb-chip kb-chip-small">
                            {tagName}
                          </span>
                        ))}
                      </span>
                    )}
                  </td>
                  <td>{t(`kind.${a.kind}` as KbMessageKey)}</td>
                  <td>{t(`lang.${a.language}` as KbMessageKey)}</td>
                  <td className="muted">{category ? categoryName(category, locale) : '—'}</td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td className="kb-num">
                    v{a.version}
                    {a.liveVersion !== null && a.liveVersion !== a.version && (
                      <small className="muted"> ({t('articles.live', { v: a.liveVersion })})</small>
                    )}
                  </td>
                  <td className="muted kb-nowrap">{dateTime(a.updatedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
