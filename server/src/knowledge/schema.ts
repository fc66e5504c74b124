import { z } from 'zod';

/** The vocabulary of the knowledge base, shared by commands, importers, the HTTP edge and the bot. */
export const ARTICLE_KINDS = ['faq', 'document'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

export const KB_LANGUAGES = ['zh', 'en'] as const;
export type KbLanguage = (typeof KB_LANGUAGES)[number];

/** The review workflow of an article's newest version (see status.ts for the legal moves). */
export const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const MAX_TITLE_LENGTH = 300;
export const MAX_ANSWER_LENGTH = 50_000;
export const MAX_BODY_LENGTH = 500_000;
export const MAX_ALTERNATES = 100;

/** Well-formed Unicode (no lone surrogates): text that every store, index and browser handles the same way. */
const wellFormed = (s: string) => s.isWellFormed();
const MALFORMED = 'contains a lone surrogate (malformed Unicode)';

/** A line of text: trimmed, not empty, bounded. */
export const Line = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`).refine(wellFormed, MALFORMED);

/** Long text (an answer in HTML, a document's body): bounded and well-formed, may be empty until checked. */
export const LongText = (max: number) => z.string().max(max, `at most ${max} characters`).refine(wellFormed, MALFORMED);

/** Tags and channels are short keys the bot and the console filter by (`退款`, `web_widget`, `app`). */
export const TagName = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .refine(wellFormed, MALFORMED)
  .refine((s) => !/[\p{Cc},]/u.test(s), 'no control characters or commas');

export const ChannelName = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_-]+$/, 'lowercase letters, digits, "_" and "-"');

const idOf = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-hjkmnp-tv-z]{26}$`), `must be a ${prefix}_… id`);
export const CategoryId = idOf('kbc');
export const ArticleId = idOf('kba');

/** Epoch milliseconds, or null for "no limit". */
const Instant = z.number().int().min(0).max(8_640_000_000_000_000).nullable();

/** The content fields every version of an article carries; see ArticleInput for creation. */
const contentShape = {
  /** A faq's standard question, or a document's title. */
  title: Line(MAX_TITLE_LENGTH),
  /** Similar questions (faq): other ways customers ask the same thing. */
  alternates: z.array(Line(MAX_TITLE_LENGTH)).max(MAX_ALTERNATES).default([]),
  /** A faq's answer as rich text (HTML); sanitized before it is stored. */
  answer: LongText(MAX_ANSWER_LENGTH).default(''),
  /** A document's text (plain text or Markdown); `#` headings and blank lines split it into passages. */
  body: LongText(MAX_BODY_LENGTH).default(''),
  categoryId: CategoryId.nullable().default(null),
  tags: z.array(TagName).max(30).default([]),
  channels: z.array(ChannelName).max(10).default([]),
  /** When the article starts and stops being served (a promotion's rules); null means always. */
  effectiveFrom: Instant.default(null),
  effectiveTo: Instant.default(null),
};

function checkContent(
  value: {
    kind?: ArticleKind;
    answer?: string;
    body?: string;
    effectiveFrom?: number | null;
    effectiveTo?: number | null;
  },
  context: z.RefinementCtx,
): void {
  if (value.kind === 'faq' && value.answer !== undefined && value.answer.trim() === '') {
    context.addIssue({ code: 'custom', path: ['answer'], message: 'a faq needs an answer' });
  }
  if (value.kind === 'document' && value.body !== undefined && value.body.trim() === '') {
    context.addIssue({ code: 'custom', path: ['body'], message: 'a document needs a body' });
  }
  const { effectiveFrom: from, effectiveTo: to } = value;
  if (from !== null && from !== undefined && to !== null && to !== undefined && to <= from) {
    context.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'must be after effectiveFrom' });
  }
}

/** A new article (it starts as a draft). Unknown fields are refused so a typo never silently drops content. */
export const ArticleInput = z
  .strictObject({
    kind: z.enum(ARTICLE_KINDS).default('faq'),
    language: z.enum(KB_LANGUAGES),
    ...contentShape,
    /** Links this article as the other-language variant of an existing one (zh ↔ en). */
    variantOf: ArticleId.optional(),
    /** Why this version exists (shown in the history). */
    note: Line(500).optional(),
  })
  .superRefine(checkContent);
export type ArticleInput = z.input<typeof ArticleInput>;
export type ParsedArticleInput = z.output<typeof ArticleInput>;

/** An edit: any content field, plus the version the editor started from (optimistic concurrency). */
export const ArticlePatch = z
  .strictObject({
    title: contentShape.title.optional(),
    alternates: z.array(Line(MAX_TITLE_LENGTH)).max(MAX_ALTERNATES).optional(),
    answer: LongText(MAX_ANSWER_LENGTH).optional(),
    body: LongText(MAX_BODY_LENGTH).optional(),
    categoryId: CategoryId.nullable().optional(),
    tags: z.array(TagName).max(30).optional(),
    channels: z.array(ChannelName).max(10).optional(),
    effectiveFrom: Instant.optional(),
    effectiveTo: Instant.optional(),
    note: Line(500).optional(),
    expectedVersion: z.number().int().min(1),
  })
  .superRefine(checkContent);
export type ArticlePatch = z.input<typeof ArticlePatch>;

/** A category of the tree: a name in Chinese and/or English, a parent (null = top level), a position among siblings. */
export const CategoryInput = z.strictObject({
  name: Line(100),
  nameEn: Line(100).nullable().default(null),
  parentId: CategoryId.nullable().default(null),
  position: z.number().int().min(0).max(100_000).optional(),
});
export type CategoryInput = z.input<typeof CategoryInput>;

export const CategoryPatch = z.strictObject({
  name: Line(100).optional(),
  nameEn: Line(100).nullable().optional(),
  /** Moving a category: a new parent (null = top level); a category never moves under itself. */
  parentId: CategoryId.nullable().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
});
export type CategoryPatch = z.input<typeof CategoryPatch>;

/** The content of one version, as stored (immutable) and as served. */
export interface ArticleContent {
  title: string;
  alternates: string[];
  /** Sanitized HTML (faq). */
  answer: string;
  body: string;
  categoryId: string | null;
  tags: string[];
  channels: string[];
  effectiveFrom: number | null;
  effectiveTo: number | null;
}

/** Who did something to the knowledge base: a console user, an integration, or the system (imports, crawls). */
export interface KbActor {
  type: 'user' | 'token' | 'system';
  id: string | null;
}

export interface ArticleRecord extends ArticleContent {
  id: string;
  workspaceId: string;
  kind: ArticleKind;
  language: KbLanguage;
  /** Articles sharing a group are language variants of one another. */
  groupId: string;
  status: ArticleStatus;
  /** The newest version's number; editors send it back as expectedVersion. */
  version: number;
  /** The version customers are served, or null when nothing is live (never published, or archived). */
  liveVersion: number | null;
  /** Where the article came from (an import, a crawl, a mined suggestion), for the acquisition module. */
  source: Record<string, unknown> | null;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
}

export interface ArticleVersionRecord extends ArticleContent {
  id: string;
  articleId: string;
  version: number;
  authorType: KbActor['type'];
  authorId: string | null;
  note: string | null;
  /** What changed since the previous version (field by field). */
  diff: FieldChange[];
  createdAt: number;
}

export interface FieldChange {
  field: keyof ArticleContent;
  before: unknown;
  after: unknown;
}

export interface CategoryRecord {
  id: string;
  workspaceId: string;
  parentId: string | null;
  name: string;
  nameEn: string | null;
  position: number;
  createdAt: number;
  updatedAt: number;
}

export interface CommentRecord {
  id: string;
  articleId: string;
  version: number | null;
  authorId: string | null;
  body: string;
  createdAt: number;
}
