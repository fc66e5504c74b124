import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Shows an API error with the server's own message; network failures get a translated hint instead. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const message =
    error instanceof ApiError
      ? error.code === 'network_error'
        ? t('error.network')
        : error.message
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <div className="notice notice-error" role="alert">
      <strong>{t('error.title')}</strong>
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
