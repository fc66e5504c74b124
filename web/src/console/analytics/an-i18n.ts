import { useMemo } from 'react';
import type { Locale } from '../../shared/locale.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { type AnMessageKey, anDictionaries } from './an-messages.ts';
import type { MetricInfo } from './api.ts';

export interface AnI18n {
  locale: Locale;
  t: (key: AnMessageKey) => string;
  /** A metric's name or definition in the console language (the server sends both). */
  pick: (text: { zh: string; en: string }) => string;
  dateTime: (ms: number) => string;
  /** A metric value for display: percentages, durations, scores. */
  format: (info: MetricInfo | undefined, value: number | null) => string;
}

/** The analytics screens keep their texts beside them (an-messages.ts); the language is the console's. */
export function useAnI18n(): AnI18n {
  const { locale } = useI18n();
  return useMemo(() => {
    const table = anDictionaries[locale];
    const dt = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
    const zh = locale === 'zh-CN';
    return {
      locale,
      t: (key) => table[key],
      pick: (text) => (zh ? text.zh : text.en),
      dateTime: (ms) => dt.format(new Date(ms)),
      format: (info, value) => formatValue(info, value, zh),
    };
  }, [locale]);
}

export function formatValue(info: MetricInfo | undefined, value: number | null, zh: boolean): string {
  if (value === null) return '—';
  switch (info?.unit) {
    case 'ratio':
      return `${(value * 100).toFixed(1)}%`;
    case 'ms': {
      const seconds = value / 1000;
      if (seconds < 90) return zh ? `${seconds.toFixed(1)} 秒` : `${seconds.toFixed(1)} s`;
      return zh ? `${(seconds / 60).toFixed(1)} 分钟` : `${(seconds / 60).toFixed(1)} min`;
    }
    case 'score':
      return value.toFixed(info.id === 'nps' ? 0 : 2);
    default:
      return String(Math.round(value));
  }
}
