/** The two languages every screen speaks. Chinese first: anything that is not English falls back to zh-CN. */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export function localeFromLanguage(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** Formats a timestamp as a short clock time (today) or a date and time (earlier days). */
export function formatTime(epochMs: number, locale: Locale, now = Date.now()): string {
  const date = new Date(epochMs);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}
