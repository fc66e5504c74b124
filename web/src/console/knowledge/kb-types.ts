/** The knowledge API's shapes as its presenters whitelist them (server/src/http/routes/knowledge/schema.ts). */
export type ArticleKind = 'faq' | 'document';
export type KbLanguage = 'zh' | 'en';
export type ArticleStatus = 'draft' | 'in_review' | 'published' | 'archived';
export type ReviewAction = 'submit' | 'withdraw' | 'reject' | 'publish' | 'archive';
export type MatchVia = 'exact' | 'synonym' | 'pinyin' | 'ngram' | 'learned';

export const ARTICLE_KINDS: ArticleKind[] = ['faq', 'document'];
export const KB_LANGUAGES: KbLanguage[] = ['zh', 'en'];
export const ARTICLE_STATUSES: ArticleStatus[] = ['draft', 'in_review', 'published', 'archived'];

export interface Category {
  id: string;
  parentId: string | null;
  name: string;
  nameEn: string | null;
  position: number;
  createdAt: number;
  updatedAt: number;
}

export interface ArticleContent {
  title: string;
  alternates: string[];
  /** Sanitized HTML: the server cleans every answer before it stores it. */
  answer: string;
  body: string;
  categoryId: string | null;
  tags: string[];
  channels: string[];
  effectiveFrom: number | null;
  effectiveTo: number | null;
}

export interface Article extends ArticleContent {
  id: string;
  kind: ArticleKind;
  language: KbLanguage;
  groupId: string;
  status: ArticleStatus;
  version: number;
  liveVersion: number | null;
  source: Record<string, unknown> | null;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
}

export type ArticleSummary = Omit<Article, 'answer' | 'body' | 'alternates' | 'source'>;

export interface ArticleDetail extends Article {
  variants: { id: string; language: KbLanguage; status: ArticleStatus }[];
  passages: { no: number; heading: string; text: string }[];
}

export interface VersionSummary {
  id: string;
  version: number;
  title: string;
  authorType: string;
  authorId: string | null;
  note: string | null;
  createdAt: number;
  changed: string[];
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface DiffLine {
  op: 'same' | 'added' | 'removed';
  text: string;
}

export interface DiffView {
  from: number;
  to: number;
  changes: FieldChange[];
  lines: Record<string, DiffLine[]>;
}

export interface ReviewEvent {
  id: string;
  version: number;
  action: string;
  fromStatus: string;
  toStatus: string;
  actorType: string;
  actorId: string | null;
  note: string | null;
  at: number;
}

export interface Comment {
  id: string;
  articleId: string;
  version: number | null;
  authorId: string | null;
  body: string;
  createdAt: number;
}

export interface Hit {
  docId: string;
  articleId: string;
  kind: 'faq' | 'passage';
  score: number;
  confidence: number;
  matched: { field: string; term: string; via: MatchVia | string }[];
  highlights: { field: string; text: string; ranges: [number, number][] }[];
  article: {
    id: string;
    kind: ArticleKind;
    language: KbLanguage;
    version: number;
    title: string;
    answerHtml: string;
    answerText: string;
  };
  passage: { no: number; heading: string; text: string } | null;
}

export interface HitTestResult {
  query: string;
  tookMs: number;
  hits: Hit[];
}

export interface SynonymSet {
  id: string;
  terms: string[];
  createdAt: number;
}

export interface ArticleFilter {
  status?: ArticleStatus;
  kind?: ArticleKind;
  language?: KbLanguage;
  categoryId?: string;
  tag?: string;
  q?: string;
}

/** What the editor sends to create an article (the server fills the defaults). */
export interface ArticleInput extends Partial<ArticleContent> {
  kind: ArticleKind;
  language: KbLanguage;
  title: string;
  variantOf?: string;
  note?: string;
}

export interface ArticlePatch extends Partial<ArticleContent> {
  expectedVersion: number;
  note?: string;
}
