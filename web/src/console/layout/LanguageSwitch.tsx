import type { Locale } from '../../shared/locale.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

const NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** The console language; `labelled` shows its caption (in the sidebar), otherwise only screen readers get it. */
export function LanguageSwitch({ labelled = false }: { labelled?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="inline-select">
      <span className={labelled ? 'sidebar-label' : 'sr-only'}>{t('language')}</span>
      <select
        value={locale}
        onChange={(e) => setLocale(e.target.value as Locale)}
        data-testid="language-switch"
        aria-label={t('language')}
      >
        {(Object.keys(NAMES) as Locale[]).map((code) => (
          <option key={code} value={code}>
            {NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
