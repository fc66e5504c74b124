import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import {
  type CrawlSource,
  type CrawlSourceInput,
  useCrawlSources,
  useCreateCrawlSource,
  useDeleteCrawlSource,
  useRunCrawl,
  useUpdateCrawlSource,
} from './acq-api.ts';
import { useCategories } from './kb-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import type { KbMessageKey } from './kb-messages.ts';
import { CategorySelect } from './parts.tsx';
import { useKbRights } from './rights.ts';

const EMPTY: CrawlSourceInput = {
  name: '',
  startUrl: '',
  sitemapUrl: null,
  maxDepth: 3,
  maxPages: 200,
  schedule: null,
  categoryId: null,
  enabled: true,
};

const SCHEDULES = [
  { value: '', key: 'crawl.manual' },
  { value: '0 3 * * *', key: 'crawl.daily' },
  { value: '0 3 * * 1', key: 'crawl.weekly' },
  { value: '0 * * * *', key: 'crawl.hourly' },
] as const;

/** Web sites to learn from: each crawled on demand or on a schedule; changes become drafts for review. */
export function CrawlSources() {
  const { t } = useKbI18n();
  const rights = useKbRights();
  const sources = useCrawlSources();
  const create = useCreateCrawlSource();
  const [form, setForm] = useState<CrawlSourceInput>(EMPTY);
  const [open, setOpen] = useState(false);
  const categories = useCategories();
  const set = (patch: Partial<CrawlSourceInput>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <section className="kb-panel">
      <header className="kb-panel-head">
        <div>
          <h2>{t('crawl.title')}</h2>
          <p className="muted">{t('crawl.help')}</p>
        </div>
        {rights.acquireWrite && !open && (
          <button type="button" className="btn btn-primary" onClick={() => setOpen(true)}>
            {t('crawl.add')}
          </button>
        )}
      </header>
      {open && (
        <form
          className="kb-card kb-source-form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { ...form, sitemapUrl: form.sitemapUrl?.trim() || null, schedule: form.schedule?.trim() || null },
              {
                onSuccess: () => {
                  setForm(EMPTY);
                  setOpen(false);
                },
              },
            );
          }}
        >
          <div className="kb-grid-2">
            <label className="kb-field">
              <span>{t('crawl.name')}</span>
              <input value={form.name} onChange={(e) => set({ name: e.target.value })} required maxLength={100} />
            </label>
            <label className="kb-field">
              <span>{t('crawl.startUrl')}</span>
              <input
                type="url"
                value={form.startUrl}
                onChange={(e) => set({ startUrl: e.target.value })}
                required
                placeholder="https://help.example.com/"
              />
            </label>
            <label className="kb-field">
              <span>{t('crawl.sitemap')}</span>
              <input
                type="url"
                value={form.sitemapUrl ?? ''}
                onChange={(e) => set({ sitemapUrl: e.target.value })}
                placeholder="https://help.example.com/sitemap.xml"
              />
            </label>
            <div className="kb-field">
              <span>{t('field.category')}</span>
              <CategorySelect
                categories={categories.data ?? []}
                value={form.categoryId}
                onChange={(categoryId) => set({ categoryId })}
                emptyLabel={t('category.none')}
                label={t('field.category')}
              />
            </div>
            <label className="kb-field">
              <span>{t('crawl.maxDepth')}</span>
              <input
                type="number"
                min={0}
                max={10}
                value={form.maxDepth}
                onChange={(e) => set({ maxDepth: Number(e.target.value) })}
              />
            </label>
            <label className="kb-field">
              <span>{t('crawl.maxPages')}</span>
              <input
                type="number"
                min={1}
                max={5000}
                value={form.maxPages}
                onChange={(e) => set({ maxPages: Number(e.target.value) })}
              />
            </label>
            <label className="kb-field">
              <span>{t('crawl.schedule')}</span>
              <select
                value={SCHEDULES.some((s) => s.value === (form.schedule ?? '')) ? (form.schedule ?? '') : 'custom'}
                onChange={(e) => set({ schedule: e.target.value === 'custom' ? '30 2 * * *' : e.target.value || null })}
              >
                {SCHEDULES.map((s) => (
                  <option key={s.value} value={s.value}>
                    {t(s.key)}
                  </option>
                ))}
                <option value="custom">{t('crawl.custom')}</option>
              </select>
            </label>
            <label className="kb-field">
              <span>{t('crawl.cron')}</span>
              <input
                value={form.schedule ?? ''}
                onChange={(e) => set({ schedule: e.target.value })}
                placeholder="0 3 * * *"
                spellCheck={false}
              />
            </label>
          </div>
          {create.error != null && <ErrorNotice error={create.error} />}
          <div className="kb-form-actions">
            <button type="submit" className="btn btn-primary" disabled={create.isPending}>
              {t('action.save')}
            </button>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              {t('action.cancel')}
            </button>
          </div>
        </form>
      )}
      {sources.error && <ErrorNotice error={sources.error} onRetry={() => void sources.refetch()} />}
      {sources.isPending && <p className="empty">{t('common.loading')}</p>}
      {sources.data?.length === 0 && <p className="empty">{t('crawl.empty')}</p>}
      <ul className="kb-cards">
        {sources.data?.map((s) => (
          <SourceCard key={s.id} source={s} canManage={rights.acquireWrite} />
        ))}
      </ul>
    </section>
  );
}

function SourceCard({ source, canManage }: { source: CrawlSource; canManage: boolean }) {
  const { t, dateTime } = useKbI18n();
  const run = useRunCrawl();
  const update = useUpdateCrawlSource();
  const remove = useDeleteCrawlSource();
  const last = source.lastRun;
  const active = source.status !== 'idle';
  return (
    <li className="kb-card kb-source" data-testid="kb-crawl-source">
      <div className="kb-source-head">
        <strong>{source.name}</strong>
        <span className={`kb-job kb-job-${active ? (last?.status ?? source.status) : 'idle'}`}>
          {t(`source.${source.status}` as KbMessageKey)}
        </span>
        {!source.enabled && <span className="kb-chip kb-chip-small">{t('crawl.disabled')}</span>}
      </div>
      <a href={source.startUrl} target="_blank" rel="noreferrer noopener" className="kb-url">
        {source.startUrl}
      </a>
      <p className="muted kb-meta">
        {t('crawl.limits', { depth: source.maxDepth, pages: source.maxPages })} ·{' '}
        {source.schedule ? t('crawl.scheduled', { cron: source.schedule }) : t('crawl.manual')}
        {source.nextRunAt !== null && <> · {t('crawl.next', { at: dateTime(source.nextRunAt) })}</>}
      </p>
      {last && (
        <div className="kb-run">
          <span>
            {t('crawl.lastRun')}: <b>{t(`job.${last.status}` as KbMessageKey)}</b>
            {(last.finishedAt ?? last.startedAt) !== null && (
              <span className="muted"> · {dateTime((last.finishedAt ?? last.startedAt) as number)}</span>
            )}
          </span>
          {(last.status === 'running' || last.status === 'queued') && (
            <div className="kb-progress" role="progressbar" aria-valuenow={last.progress}>
              <span style={{ width: `${last.progress}%` }} />
            </div>
          )}
          <span className="muted">
            {t('crawl.pages', {
              fetched: last.pagesFetched,
              added: last.pagesNew,
              changed: last.pagesChanged,
              same: last.pagesUnchanged,
              skipped: last.pagesSkipped,
            })}
          </span>
          {last.error && <span className="kb-error-text">{last.error}</span>}
        </div>
      )}
      {canManage && (
        <div className="kb-button-row">
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={active || run.isPending}
            onClick={() => run.mutate(source.id)}
          >
            {t('crawl.runNow')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: source.id, enabled: !source.enabled })}
          >
            {source.enabled ? t('crawl.disable') : t('crawl.enable')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-danger-ghost"
            disabled={active || remove.isPending}
            onClick={() => {
              if (window.confirm(t('crawl.confirmDelete', { name: source.name }))) remove.mutate(source.id);
            }}
          >
            {t('action.delete')}
          </button>
        </div>
      )}
      {(run.error ?? update.error ?? remove.error) != null && (
        <ErrorNotice error={run.error ?? update.error ?? remove.error} />
      )}
    </li>
  );
}
