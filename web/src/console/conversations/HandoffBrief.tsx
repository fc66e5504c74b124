import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { handoffText } from './handoff-texts.ts';
import { useMessages } from './queries.ts';
import './handoff-brief.css';

/** GET /api/v1/conversations/:id/bot — what the bot knew when it handed the conversation over. */
interface Brief {
  reason: string | null;
  team: string | null;
  intent: string | null;
  entities: Record<string, string>;
  sentiment: { scores: number[]; trend: number; anger: number };
  tried: Array<{ kind: string; reason: string; detail?: string; at: number }>;
  customerWords: string[];
}

const TREND_STEP = 0.1;

/**
 * The hand-off brief at the top of the agent's view: why the bot stepped aside, what the customer wants, how their
 * mood went, what the bot tried, and their own words (rendered as text). Shown only once the bot handed off; it is
 * fetched again whenever the thread grows, so a hand-off that happens while the agent looks appears at once.
 */
export function HandoffBrief({ conversationId }: { conversationId: string }) {
  const { locale } = useI18n();
  const lastMessageId = useMessages(conversationId).data?.at(-1)?.id ?? null;
  const brief = useQuery({
    queryKey: ['conversation-bot', conversationId, lastMessageId],
    queryFn: () =>
      api<{ brief: Brief | null }>('GET', `/api/v1/conversations/${encodeURIComponent(conversationId)}/bot`).then(
        (r) => r.brief,
      ),
    placeholderData: keepPreviousData,
  });
  const data = brief.data;
  if (!data?.reason) return null;
  const t = (key: string) => handoffText(locale, key);
  const entities = Object.entries(data.entities);
  const { scores, trend, anger } = data.sentiment;
  const direction = trend <= -TREND_STEP ? 'falling' : trend >= TREND_STEP ? 'rising' : 'steady';

  return (
    <section className="handoff-brief" data-testid="handoff-brief" aria-label={t('title')}>
      <h3>{t('title')}</h3>
      <dl>
        <dt>{t('reason')}</dt>
        <dd data-testid="brief-reason" data-reason={data.reason}>
          {t(`reason.${data.reason}`)}
          {data.team && (
            <span className="muted">
              {' · '}
              {t('team')}: {data.team}
            </span>
          )}
        </dd>
        <dt>{t('intent')}</dt>
        <dd data-testid="brief-intent">{data.intent ?? t('none')}</dd>
        <dt>{t('entities')}</dt>
        <dd data-testid="brief-entities">
          {entities.length === 0 ? t('none') : entities.map(([name, value]) => `${name}: ${value}`).join('；')}
        </dd>
        <dt>{t('sentiment')}</dt>
        <dd data-testid="brief-sentiment" data-trend={direction}>
          {scores.map((s) => s.toFixed(2)).join(' → ') || t('none')} ({t(`trend.${direction}`)}) · {t('anger')}{' '}
          {anger.toFixed(2)}
        </dd>
        <dt>{t('tried')}</dt>
        <dd>
          <ol className="brief-tried" data-testid="brief-tried">
            {data.tried.map((step) => (
              <li key={`${step.at}-${step.kind}-${step.reason}`}>
                {t(`kind.${step.kind}`)}: {step.detail ?? step.reason}
              </li>
            ))}
          </ol>
        </dd>
        <dt>{t('words')}</dt>
        <dd>
          <ol className="brief-words" data-testid="brief-words">
            {data.customerWords.map((words, i) => (
              // Verbatim customer text, possibly repeated: the position is its identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i}>{words}</li>
            ))}
          </ol>
        </dd>
      </dl>
    </section>
  );
}
