import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../auth/session.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { acqKeys, type ImportJob, uploadImport, useImportJob, useImportProblems, useImports } from './acq-api.ts';
import { kbKeys } from './kb-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import type { KbMessageKey } from './kb-messages.ts';
import { useKbRights } from './rights.ts';

const ACCEPT = '.csv,.tsv,.xlsx,.md,.markdown,.html,.htm,.docx,.pdf';

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Upload a FAQ sheet or documents, watch the import run, and read the problems by line. */
export function ImportWizard() {
  const { t } = useKbI18n();
  const me = useMe().data;
  const client = useQueryClient();
  const rights = useKbRights();
  const [file, setFile] = useState<File | null>(null);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const upload = useMutation({
    mutationFn: (input: { file: File; skip: boolean }) => uploadImport(input.file, input.skip, me?.csrfToken ?? ''),
    onSuccess: (job) => {
      setJobId(job.id);
      void client.invalidateQueries({ queryKey: acqKeys.imports });
    },
  });
  const job = useImportJob(jobId);
  const recent = useImports();
  const finished = job.data?.status === 'succeeded' || job.data?.status === 'failed';
  // A finished import changes the list of imports and, when it wrote drafts, the articles.
  useEffect(() => {
    if (!finished) return;
    void client.invalidateQueries({ queryKey: acqKeys.imports });
    void client.invalidateQueries({ queryKey: kbKeys.articles });
  }, [finished, client]);

  const start = (skip: boolean) => {
    if (!file) return;
    setJobId(null);
    upload.mutate({ file, skip });
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  };

  return (
    <section className="kb-panel">
      <header className="kb-panel-head">
        <div>
          <h2>{t('import.title')}</h2>
          <p className="muted">{t('import.help')}</p>
        </div>
      </header>
      <ol className="kb-steps">
        <li className={!jobId ? 'kb-step-on' : ''}>{t('import.step1')}</li>
        <li className={jobId && job.data?.status !== 'succeeded' && job.data?.status !== 'failed' ? 'kb-step-on' : ''}>
          {t('import.step2')}
        </li>
        <li className={job.data?.status === 'succeeded' || job.data?.status === 'failed' ? 'kb-step-on' : ''}>
          {t('import.step3')}
        </li>
      </ol>

      {rights.acquireWrite ? (
        <>
          <label
            className={`kb-drop ${dragging ? 'kb-drop-over' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <input
              type="file"
              accept={ACCEPT}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              data-testid="kb-import-file"
            />
            <strong>{file ? file.name : t('import.choose')}</strong>
            <span className="muted">{file ? formatBytes(file.size) : t('import.formats')}</span>
          </label>
          <div className="kb-form-actions">
            <label className="kb-check">
              <input type="checkbox" checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)} />
              {t('import.skipBadRows')}
            </label>
            <button
              type="button"
              className="btn btn-primary"
              disabled={!file || upload.isPending}
              onClick={() => start(skipBadRows)}
              data-testid="kb-import-start"
            >
              {upload.isPending ? t('import.uploading') : t('import.start')}
            </button>
          </div>
        </>
      ) : (
        <p className="notice notice-warn">{t('import.readOnly')}</p>
      )}
      {upload.error != null && <ErrorNotice error={upload.error} />}
      {job.data && <ImportProgress job={job.data} onRetrySkipping={file ? () => start(true) : undefined} />}

      <h3 className="kb-section-title">{t('import.recent')}</h3>
      {recent.error && <ErrorNotice error={recent.error} />}
      {recent.data?.length === 0 && <p className="muted">{t('import.none')}</p>}
      {recent.data && recent.data.length > 0 && (
        <table className="kb-table">
          <thead>
            <tr>
              <th>{t('import.file')}</th>
              <th>{t('field.status')}</th>
              <th>{t('import.imported')}</th>
              <th>{t('import.problems')}</th>
            </tr>
          </thead>
          <tbody>
            {recent.data.slice(0, 10).map((r) => (
              <tr key={r.id}>
                <td>
                  <button type="button" className="kb-link-button" onClick={() => setJobId(r.id)}>
                    {r.fileName}
                  </button>
                </td>
                <td>
                  <span className={`kb-job kb-job-${r.status}`}>{t(`job.${r.status}` as KbMessageKey)}</span>
                </td>
                <td className="kb-num">{r.importedCount}</td>
                <td className="kb-num">{r.problemCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ImportProgress({ job, onRetrySkipping }: { job: ImportJob; onRetrySkipping?: () => void }) {
  const { t, locale } = useKbI18n();
  const finished = job.status === 'succeeded' || job.status === 'failed';
  const problems = useImportProblems(job.id, finished && job.problemCount > 0);
  const blocked = job.status === 'failed' && job.problemCount > 0 && !job.skipBadRows;
  return (
    <div className="kb-import-status" data-testid="kb-import-status" data-status={job.status}>
      <div className="kb-import-line">
        <strong>{job.fileName}</strong>
        <span className={`kb-job kb-job-${job.status}`}>{t(`job.${job.status}` as KbMessageKey)}</span>
        {job.encoding && <span className="muted">{t('import.encoding', { enc: job.encoding })}</span>}
      </div>
      <div
        className="kb-progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={job.progress}
        data-testid="kb-import-progress"
      >
        <span style={{ width: `${job.progress}%` }} />
      </div>
      <p className="muted">
        {t('import.counts', { imported: job.importedCount, total: job.totalEntries, problems: job.problemCount })}
      </p>
      {job.error && <p className="notice notice-error">{job.error}</p>}
      {blocked && (
        <div className="notice notice-warn">
          <span>{t('import.blocked')}</span>
          {onRetrySkipping && (
            <button
              type="button"
              className="btn btn-small"
              onClick={onRetrySkipping}
              data-testid="kb-import-skip-retry"
            >
              {t('import.retrySkipping')}
            </button>
          )}
        </div>
      )}
      {job.status === 'succeeded' && job.importedCount > 0 && (
        <p className="notice notice-ok">
          {t('import.done', { n: job.importedCount })} <Link to="/knowledge/articles">{t('import.seeDrafts')}</Link>
        </p>
      )}
      {problems.data && problems.data.problems.length > 0 && (
        <table className="kb-table kb-problems" data-testid="kb-import-problems">
          <thead>
            <tr>
              <th>{t('import.line')}</th>
              <th>{t('import.field')}</th>
              <th>{t('import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.data.problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one line may have several problems
              <tr key={`${p.sheet ?? ''}:${p.line}:${i}`}>
                <td className="kb-num">
                  {p.sheet ? `${p.sheet} · ` : ''}
                  {p.line}
                </td>
                <td>{p.field ?? '—'}</td>
                <td>{locale === 'en' ? p.message : p.messageZh}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
