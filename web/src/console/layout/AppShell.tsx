import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useLogout, useMe } from '../auth/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useRealtime } from '../realtime/RealtimeProvider.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { PresenceToggle } from './PresenceToggle.tsx';

function ChatIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z" strokeLinejoin="round" />
    </svg>
  );
}

function BookIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2V5z" strokeLinejoin="round" />
      <path d="M4 19a2 2 0 0 1 2-2h13" />
    </svg>
  );
}

function ChartIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" strokeLinecap="round" />
    </svg>
  );
}

/** The signed-in frame: navigation and the agent's own controls on the left, the current screen on the right. */
export function AppShell() {
  const { t } = useI18n();
  const me = useMe().data;
  const { enabled: live, connected } = useRealtime();
  const logout = useLogout();
  const navigate = useNavigate();

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            灵
          </span>
          <span>
            <strong>{t('app.name')}</strong>
            <small>{me?.workspace.name}</small>
          </span>
        </div>
        <nav aria-label={t('nav.main')} className="nav">
          {live && (
            <NavLink to="/conversations" className="nav-item">
              <ChatIcon />
              <span>{t('nav.conversations')}</span>
            </NavLink>
          )}
          {live && (
            <NavLink to="/routing" className="nav-item" data-testid="nav-routing">
              <ChatIcon />
              <span>{t('nav.routing')}</span>
            </NavLink>
          )}
          {me && me.user.role !== 'auditor' && (
            <NavLink to="/knowledge" className="nav-item" data-testid="nav-knowledge">
              <BookIcon />
              <span>{t('nav.knowledge')}</span>
            </NavLink>
          )}
          {me && ['admin', 'supervisor', 'agent'].includes(me.user.role) && (
            <NavLink to="/analytics" className="nav-item" data-testid="nav-analytics">
              <ChartIcon />
              <span>{t('nav.analytics')}</span>
            </NavLink>
          )}
        </nav>
        <div className="sidebar-bottom">
          {live && (
            <>
              <p className={`live ${connected ? 'live-on' : 'live-off'}`} data-testid="realtime-status">
                <span className="live-dot" aria-hidden="true" />
                {connected ? t('realtime.connected') : t('realtime.reconnecting')}
              </p>
              <PresenceToggle />
            </>
          )}
          <LanguageSwitch labelled />
          <div className="me">
            <span className="avatar" aria-hidden="true">
              {(me?.user.name || me?.user.email || '?').slice(0, 1).toUpperCase()}
            </span>
            <span className="me-text">
              <strong>{me?.user.name}</strong>
              <small>{me?.user.email}</small>
            </span>
          </div>
          <button
            type="button"
            className="btn btn-ghost btn-block"
            data-testid="logout"
            disabled={logout.isPending}
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
          >
            {t('logout')}
          </button>
        </div>
      </aside>
      <main className="main">
        <Outlet />
      </main>
    </div>
  );
}
