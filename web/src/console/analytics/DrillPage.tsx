import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAnI18n } from './an-i18n.ts';
import { type DrillParams, useDefinitions, useDrill } from './api.ts';
import { Loading } from './parts.tsx';

/** The conversations behind a figure: its base, or those counted (`only=hit`) or not (`only=miss`). */
export function DrillPage() {
  const { t, pick, dateTime } = useAnI18n();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const get = (key: string) => search.get(key) ?? undefined;
  const params: DrillParams = {
    metric: get('metric') ?? 'conversations',
    from: Number(get('from') ?? 0),
    to: Number(get('to') ?? Date.now()),
    ...(get('only') ? { only: get('only') } : {}),
    ...(get('dim') ? { dim: get('dim'), value: get('value') ?? '' } : {}),
    ...(get('botFailure') ? { botFailure: get('botFailure') } : {}),
  };
  const drill = useDrill(params);
  const info = useDefinitions().data?.metrics.find((m) => m.id === params.metric);
  const rows = (drill.data?.pages ?? []).flatMap((p) => p.conversations);
  const setOnly = (only: string | undefined) => {
    const next = new URLSearchParams(search);
    if (only) next.set('only', only);
    else next.delete('only');
    setSearch(next);
  };
  return (
    <section className="an-panel" data-testid="drill">
      <header className="an-drill-head">
        <button type="button" className="btn btn-ghost btn-small" onClick={() => navigate(-1)}>
          {t('drill.back')}
        </button>
        <h2>
          {t('drill.title')}: {info ? pick(info.name) : params.metric}
        </h2>
        <span className="muted">
          {dateTime(params.from)} – {dateTime(params.to)}
          {params.dim ? ` · ${params.dim} = ${params.value}` : ''}
        </span>
        <span className="an-drill-filter">
          {[undefined, 'hit', 'miss'].map((only) => (
            <button
              key={only ?? 'all'}
              type="button"
              className={`btn btn-small ${params.only === only ? 'btn-primary' : 'btn-ghost'}`}
              onClick={() => setOnly(only)}
            >
              {t(only === 'hit' ? 'drill.hit' : only === 'miss' ? 'drill.miss' : 'drill.all')}
            </button>
          ))}
        </span>
      </header>
      {info && <p className="muted">{pick(info.definition)}</p>}
      <Loading pending={drill.isPending} error={drill.error} />
      {drill.isSuccess && rows.length === 0 && <p className="empty">{t('drill.empty')}</p>}
      <table className="an-table">
        <thead>
          <tr>
            <th>{t('col.conversation')}</th>
            <th>{t('col.started')}</th>
            <th>{t('col.channel')}</th>
            <th>{t('col.agent')}</th>
            <th>{t('col.status')}</th>
            <th>{t('col.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.conversationId} data-testid="drill-row" data-conversation={c.conversationId}>
              <td>
                <Link to={`/conversations/${c.conversationId}`}>{c.conversationId}</Link>
              </td>
              <td>{dateTime(c.startedAt)}</td>
              <td>{c.channel}</td>
              <td>{c.agent || '—'}</td>
              <td>{c.status}</td>
              <td className="muted">
                {[
                  c.contained && t('flag.contained'),
                  c.handedOff && t('flag.handedOff'),
                  c.abandoned && t('flag.abandoned'),
                  c.resolved && t('flag.resolved'),
                  c.knowledgeGap && t('flag.gap'),
                  c.csat !== null && `CSAT ${c.csat}`,
                  c.nps !== null && `NPS ${c.nps}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {drill.hasNextPage && (
        <button type="button" className="btn btn-ghost" onClick={() => void drill.fetchNextPage()}>
          {t('drill.more')}
        </button>
      )}
    </section>
  );
}
