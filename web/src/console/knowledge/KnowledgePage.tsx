import { Navigate, NavLink, Route, Routes } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ArticleList } from './ArticleList.tsx';
import { ArticlePage, NewArticlePage } from './ArticlePage.tsx';
import { CategoryTree } from './CategoryTree.tsx';
import { CrawlSources } from './CrawlSources.tsx';
import { Gaps } from './Gaps.tsx';
import { HitTest } from './HitTest.tsx';
import { ImportWizard } from './ImportWizard.tsx';
import { useKbI18n } from './kb-i18n.ts';
import type { KbMessageKey } from './kb-messages.ts';
import { ReviewQueue } from './ReviewQueue.tsx';
import { type KbRights, useKbRights } from './rights.ts';
import { Suggestions } from './Suggestions.tsx';
import { Synonyms } from './Synonyms.tsx';
import './knowledge.css';

const SECTIONS: { path: string; key: KbMessageKey; visible: (r: KbRights) => boolean }[] = [
  { path: 'articles', key: 'tab.articles', visible: (r) => r.editorial },
  { path: 'review', key: 'tab.review', visible: (r) => r.editorial },
  { path: 'categories', key: 'tab.categories', visible: (r) => r.editorial },
  { path: 'hit-test', key: 'tab.hitTest', visible: (r) => r.hitTest },
  { path: 'synonyms', key: 'tab.synonyms', visible: (r) => r.editorial },
  { path: 'import', key: 'tab.import', visible: (r) => r.acquire },
  { path: 'sources', key: 'tab.sources', visible: (r) => r.acquire },
  { path: 'suggestions', key: 'tab.suggestions', visible: (r) => r.insights },
  { path: 'gaps', key: 'tab.gaps', visible: (r) => r.insights },
];

/** The knowledge base console: its own tabs and routes under /knowledge. */
export function KnowledgePage() {
  const { t } = useKbI18n();
  const notFound = useI18n().t('notFound');
  const rights = useKbRights();
  const sections = SECTIONS.filter((s) => s.visible(rights));
  const home = sections[0]?.path;

  return (
    <div className="kb">
      <header className="kb-head">
        <h1>{t('title')}</h1>
        <nav className="kb-tabs" aria-label={t('title')}>
          {sections.map((s) => (
            <NavLink key={s.path} to={`/knowledge/${s.path}`} className="kb-tab" data-testid={`kb-nav-${s.path}`}>
              {t(s.key)}
            </NavLink>
          ))}
        </nav>
      </header>
      <div className="kb-body">
        <Routes>
          <Route index element={home ? <Navigate to={home} replace /> : <p className="empty">{notFound}</p>} />
          {rights.editorial && (
            <>
              <Route path="articles" element={<ArticleList />} />
              <Route path="articles/new" element={<NewArticlePage />} />
              <Route path="articles/:articleId" element={<ArticlePage />} />
              <Route path="review" element={<ReviewQueue />} />
              <Route path="categories" element={<CategoryTree />} />
              <Route path="synonyms" element={<Synonyms />} />
              <Route path="import" element={<ImportWizard />} />
              <Route path="sources" element={<CrawlSources />} />
            </>
          )}
          {rights.insights && <Route path="suggestions" element={<Suggestions />} />}
          {rights.insights && <Route path="gaps" element={<Gaps />} />}
          {rights.hitTest && <Route path="hit-test" element={<HitTest />} />}
          <Route path="*" element={<p className="empty">{notFound}</p>} />
        </Routes>
      </div>
    </div>
  );
}
