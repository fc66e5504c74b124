import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AnalyticsPage } from './analytics/AnalyticsPage.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { useMe } from './auth/session.ts';
import { ErrorNotice } from './components/ErrorNotice.tsx';
import { ConversationsPage } from './conversations/ConversationsPage.tsx';
import { useI18n } from './i18n/I18nProvider.tsx';
import { KnowledgePage } from './knowledge/KnowledgePage.tsx';
import { AppShell } from './layout/AppShell.tsx';
import { RealtimeProvider } from './realtime/RealtimeProvider.tsx';
import { RoutingPage } from './routing/RoutingPage.tsx';

/** Screens that need a session: without one, go to the login page and come back afterwards. */
function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const { t } = useI18n();
  if (me.isPending) return <p className="empty">{t('list.loading')}</p>;
  if (me.error) return <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  // Only roles that work conversations hold a live socket; the server refuses it to the others.
  const live = ['admin', 'supervisor', 'agent'].includes(me.data.user.role);
  return <RealtimeProvider enabled={live}>{children}</RealtimeProvider>;
}

/** Each role lands where its work is: conversations for the service desk, the knowledge base for its editors. */
function Home() {
  const role = useMe().data?.user.role;
  const desk = role === 'admin' || role === 'supervisor' || role === 'agent';
  return <Navigate to={desk ? '/conversations' : '/knowledge'} replace />;
}

function NotFound() {
  const { t } = useI18n();
  return <p className="empty">{t('notFound')}</p>;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <AppShell />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        <Route path="/conversations" element={<ConversationsPage />} />
        <Route path="/conversations/:conversationId" element={<ConversationsPage />} />
        <Route path="/routing" element={<RoutingPage />} />
        <Route path="/routing/:conversationId" element={<RoutingPage />} />
        <Route path="/knowledge/*" element={<KnowledgePage />} />
        <Route path="/analytics/*" element={<AnalyticsPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
