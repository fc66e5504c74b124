import { useMemo } from 'react';
import type { Locale } from '../../shared/locale.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { type KbMessageKey, kbDictionaries } from './kb-messages.ts';

export interface KbI18n {
  locale: Locale;
  /** A knowledge-base text; `{name}` placeholders are filled from `vars`. */
  t: (key: KbMessageKey, vars?: Record<string, string | number>) => string;
  /** Date and time, in the console language. */
  dateTime: (epochMs: number) => string;
  date: (epochMs: number) => string;
  /** Whether a text exists (event actions the console may not know yet are shown as the server names them). */
  has: (key: string) => key is KbMessageKey;
}

/**
 * The knowledge screens keep their texts beside them (kb-messages.ts) rather than in the shared dictionary, which
 * several screens edit at once; the language is the console's.
 */
export function useKbI18n(): KbI18n {
  const { locale } = useI18n();
  return useMemo(() => {
    const table = kbDictionaries[locale];
    const dt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const d = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    return {
      locale,
      t: (key, vars) => {
        const text = table[key];
        return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole)) : text;
      },
      dateTime: (ms) => dt.format(new Date(ms)),
      date: (ms) => d.format(new Date(ms)),
      has: (key): key is KbMessageKey => key in table,
    };
  }, [locale]);
}
