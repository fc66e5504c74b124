import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { ArticleForm, contentOf, type FormState, formOf } from './ArticleForm.tsx';
import { CommentsPanel } from './CommentsPanel.tsx';
import { kbKeys, useArticle, useCreateArticle, useUpdateArticle } from './kb-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import type { KbMessageKey } from './kb-messages.ts';
import type { Article, ArticleDetail, ArticleKind, KbLanguage } from './kb-types.ts';
import { StatusBadge } from './parts.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { useKbRights } from './rights.ts';
import { VersionHistory } from './VersionHistory.tsx';

/** Creating an article: kind and language first; `?variantOf=` links it to the other-language article. */
export function NewArticlePage() {
  const { t } = useKbI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const variantOf = params.get('variantOf') ?? undefined;
  const source = useArticle(variantOf);
  const create = useCreateArticle();
  const [form, setForm] = useState<FormState>(() =>
    formOf({
      kind: (params.get('kind') as ArticleKind) || 'faq',
      language: (params.get('language') as KbLanguage) || 'zh',
      // A knowledge gap opens the editor with the customers' question as the standard question.
      title: params.get('title') ?? '',
    }),
  );
  // A variant starts from the original's category, tags, channels and dates.
  useEffect(() => {
    const s = source.data;
    if (!s) return;
    setForm((f) => ({
      ...f,
      kind: s.kind,
      language: s.language === 'zh' ? 'en' : 'zh',
      categoryId: s.categoryId,
      tags: s.tags,
      channels: s.channels,
    }));
  }, [source.data]);

  return (
    <section className="kb-panel kb-editor-page">
      <header className="kb-panel-head">
        <div>
          <Link to="/knowledge/articles" className="kb-back">
            ← {t('articles.title')}
          </Link>
          <h2>{t('articles.new')}</h2>
          {source.data && <p className="muted">{t('variant.creatingFor', { title: source.data.title })}</p>}
        </div>
      </header>
      <ArticleForm
        form={form}
        onChange={setForm}
        saved={null}
        creating
        readOnly={false}
        saving={create.isPending}
        error={create.error}
        dirty
        onSave={() =>
          create.mutate(
            {
              kind: form.kind,
              language: form.language,
              ...contentOf(form),
              ...(variantOf ? { variantOf } : {}),
              ...(form.note.trim() ? { note: form.note.trim() } : {}),
            },
            { onSuccess: (article) => navigate(`/knowledge/articles/${article.id}`, { replace: true }) },
          )
        }
      />
    </section>
  );
}

type SideTab = 'review' | 'history' | 'comments';

/** One article: the editor on the left; review, version history and comments on the right. */
export function ArticlePage() {
  const { articleId = '' } = useParams();
  const { t } = useKbI18n();
  const rights = useKbRights();
  const client = useQueryClient();
  const article = useArticle(articleId);
  const update = useUpdateArticle(articleId);
  const [form, setForm] = useState<FormState | null>(null);
  const [base, setBase] = useState<Article | null>(null);
  const [tab, setTab] = useState<SideTab>('review');

  // The form starts from the server's copy once; later refetches move the base version, never the user's edits.
  useEffect(() => {
    if (!article.data) return;
    setBase((current) => current ?? article.data);
    setForm((current) => current ?? formOf(article.data));
  }, [article.data]);

  if (article.error) return <ErrorNotice error={article.error} onRetry={() => void article.refetch()} />;
  if (!article.data || !form || !base) return <p className="empty">{t('common.loading')}</p>;
  const detail: ArticleDetail = article.data;
  const dirty = JSON.stringify(contentOf(form)) !== JSON.stringify(contentOf(formOf(base)));

  const adopt = (saved: Article) => {
    setBase(saved);
    setForm(formOf(saved));
    void client.invalidateQueries({ queryKey: kbKeys.article(articleId) });
  };

  const save = () => {
    const content = contentOf(form);
    const before = contentOf(formOf(base));
    // Only the fields that changed: a smaller version diff, and no accidental rewrite of untouched fields.
    const patch: Record<string, unknown> = {};
    for (const key of Object.keys(content) as (keyof typeof content)[]) {
      if (JSON.stringify(content[key]) !== JSON.stringify(before[key])) patch[key] = content[key];
    }
    update.mutate(
      { ...patch, expectedVersion: detail.version, ...(form.note.trim() ? { note: form.note.trim() } : {}) },
      { onSuccess: adopt },
    );
  };

  const reloadAfterConflict = async () => {
    const fresh = await article.refetch();
    // The newer version becomes the base; the editor's unsaved text stays in the form to be saved on top of it.
    if (fresh.data) setBase(fresh.data);
    update.reset();
  };

  return (
    <div className="kb-article-layout">
      <section className="kb-panel kb-editor-page">
        <header className="kb-panel-head">
          <div>
            <Link to="/knowledge/articles" className="kb-back">
              ← {t('articles.title')}
            </Link>
            <h2 className="kb-article-title">
              {detail.title}
              <StatusBadge status={detail.status} />
            </h2>
            <p className="muted kb-meta">
              {t(`kind.${detail.kind}` as KbMessageKey)} · {t(`lang.${detail.language}` as KbMessageKey)} · v
              {detail.version}
              {detail.liveVersion !== null && <> · {t('articles.live', { v: detail.liveVersion })}</>}
            </p>
          </div>
          <div className="kb-variants">
            {detail.variants.map((v) => (
              <Link key={v.id} to={`/knowledge/articles/${v.id}`} className="btn btn-small">
                {t('variant.open', { lang: t(`lang.${v.language}` as KbMessageKey) })}
              </Link>
            ))}
            {rights.write && !detail.variants.some((v) => v.language !== detail.language) && (
              <Link
                to={`/knowledge/articles/new?variantOf=${detail.id}`}
                className="btn btn-small"
                data-testid="kb-add-variant"
              >
                {t('variant.add', { lang: t(detail.language === 'zh' ? 'lang.en' : 'lang.zh') })}
              </Link>
            )}
          </div>
        </header>
        <ArticleForm
          form={form}
          onChange={setForm}
          saved={detail.version === base.version ? detail : base}
          creating={false}
          readOnly={!rights.write}
          saving={update.isPending}
          error={update.error}
          dirty={dirty}
          onSave={save}
          onConflictReload={() => void reloadAfterConflict()}
        />
        {detail.kind === 'document' && detail.passages.length > 0 && (
          <details className="kb-passages">
            <summary>{t('passages.title', { n: detail.passages.length })}</summary>
            <ol>
              {detail.passages.map((p) => (
                <li key={p.no}>
                  {p.heading && <strong>{p.heading}</strong>}
                  <p>{p.text}</p>
                </li>
              ))}
            </ol>
          </details>
        )}
      </section>
      <aside className="kb-side">
        <div className="tabs kb-side-tabs" role="tablist">
          {(['review', 'history', 'comments'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              className={`tab ${tab === name ? 'tab-active' : ''}`}
              onClick={() => setTab(name)}
              data-testid={`kb-tab-${name}`}
            >
              {t(`side.${name}` as KbMessageKey)}
            </button>
          ))}
        </div>
        {tab === 'review' && <ReviewPanel article={detail} dirty={dirty} onChanged={adopt} />}
        {tab === 'history' && <VersionHistory article={detail} onRolledBack={adopt} />}
        {tab === 'comments' && <CommentsPanel articleId={detail.id} />}
      </aside>
    </div>
  );
}
