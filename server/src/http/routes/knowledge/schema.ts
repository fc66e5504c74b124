import { z } from 'zod';
import {
  ARTICLE_KINDS,
  ARTICLE_STATUSES,
  type ArticleRecord,
  type ArticleVersionRecord,
  type CategoryRecord,
  type CommentRecord,
  KB_LANGUAGES,
  Line,
} from '../../../knowledge/schema.ts';
import type { KnowledgeHit } from '../../../knowledge/search-knowledge.ts';
import { IdOf } from '../../schemas.ts';

/** What leaves the server about the knowledge base; presenters copy fields one by one, never whole records. */
export const CategoryView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  position: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const presentCategory = (c: CategoryRecord): z.infer<typeof CategoryView> => ({
  id: c.id,
  parentId: c.parentId,
  name: c.name,
  nameEn: c.nameEn,
  position: c.position,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

const ContentView = {
  title: z.string(),
  alternates: z.array(z.string()),
  answer: z.string(),
  body: z.string(),
  categoryId: z.string().nullable(),
  tags: z.array(z.string()),
  channels: z.array(z.string()),
  effectiveFrom: z.number().nullable(),
  effectiveTo: z.number().nullable(),
};

export const ArticleView = z.object({
  id: z.string(),
  kind: z.enum(ARTICLE_KINDS),
  language: z.enum(KB_LANGUAGES),
  groupId: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  version: z.number().int(),
  liveVersion: z.number().int().nullable(),
  ...ContentView,
  source: z.record(z.string(), z.unknown()).nullable(),
  createdBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  publishedAt: z.number().nullable(),
});
export type ArticleView = z.infer<typeof ArticleView>;

export const presentArticle = (a: ArticleRecord): ArticleView => ({
  id: a.id,
  kind: a.kind,
  language: a.language,
  groupId: a.groupId,
  status: a.status,
  version: a.version,
  liveVersion: a.liveVersion,
  title: a.title,
  alternates: a.alternates,
  answer: a.answer,
  body: a.body,
  categoryId: a.categoryId,
  tags: a.tags,
  channels: a.channels,
  effectiveFrom: a.effectiveFrom,
  effectiveTo: a.effectiveTo,
  source: a.source,
  createdBy: a.createdBy,
  updatedBy: a.updatedBy,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
  publishedAt: a.publishedAt,
});

/** A list row: no answer or body (they can be long). */
export const ArticleSummary = ArticleView.omit({ answer: true, body: true, alternates: true, source: true });
export const presentSummary = (a: ArticleRecord): z.infer<typeof ArticleSummary> => {
  const { answer: _a, body: _b, alternates: _c, source: _d, ...rest } = presentArticle(a);
  return rest;
};

export const PassageView = z.object({ no: z.number().int(), heading: z.string(), text: z.string() });

export const ArticleDetail = ArticleView.extend({
  variants: z.array(z.object({ id: z.string(), language: z.enum(KB_LANGUAGES), status: z.enum(ARTICLE_STATUSES) })),
  passages: z.array(PassageView),
});

const FieldChangeView = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const VersionView = z.object({
  id: z.string(),
  version: z.number().int(),
  ...ContentView,
  authorType: z.string(),
  authorId: z.string().nullable(),
  note: z.string().nullable(),
  diff: z.array(FieldChangeView),
  createdAt: z.number(),
});

export const presentVersion = (v: ArticleVersionRecord): z.infer<typeof VersionView> => ({
  id: v.id,
  version: v.version,
  title: v.title,
  alternates: v.alternates,
  answer: v.answer,
  body: v.body,
  categoryId: v.categoryId,
  tags: v.tags,
  channels: v.channels,
  effectiveFrom: v.effectiveFrom,
  effectiveTo: v.effectiveTo,
  authorType: v.authorType,
  authorId: v.authorId,
  note: v.note,
  diff: v.diff,
  createdAt: v.createdAt,
});

export const VersionSummary = VersionView.pick({
  id: true,
  version: true,
  title: true,
  authorType: true,
  authorId: true,
  note: true,
  createdAt: true,
}).extend({ changed: z.array(z.string()) });

export const DiffView = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(FieldChangeView),
  /** Line diffs of the long fields that changed. */
  lines: z.record(z.string(), z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() }))),
});

export const ReviewEventView = z.object({
  id: z.string(),
  version: z.number().int(),
  action: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  note: z.string().nullable(),
  at: z.number(),
});

export const CommentView = z.object({
  id: z.string(),
  articleId: z.string(),
  version: z.number().int().nullable(),
  authorId: z.string().nullable(),
  body: z.string(),
  createdAt: z.number(),
});
export const presentComment = (c: CommentRecord): z.infer<typeof CommentView> => ({ ...c });

export const HitView = z.object({
  docId: z.string(),
  articleId: z.string(),
  kind: z.enum(['faq', 'passage']),
  score: z.number(),
  confidence: z.number(),
  matched: z.array(z.object({ field: z.string(), term: z.string(), via: z.string() })),
  highlights: z.array(
    z.object({ field: z.string(), text: z.string(), ranges: z.array(z.tuple([z.number(), z.number()])) }),
  ),
  article: z.object({
    id: z.string(),
    kind: z.enum(ARTICLE_KINDS),
    language: z.enum(KB_LANGUAGES),
    version: z.number().int(),
    title: z.string(),
    answerHtml: z.string(),
    answerText: z.string(),
  }),
  passage: PassageView.nullable(),
});
export const presentHit = (h: KnowledgeHit): z.infer<typeof HitView> => ({
  docId: h.docId,
  articleId: h.articleId,
  kind: h.kind,
  score: h.score,
  confidence: h.confidence,
  matched: h.matched.map((m) => ({ field: m.field, term: m.term, via: m.via })),
  highlights: h.highlights.map((x) => ({ field: x.field, text: x.text, ranges: x.ranges })),
  article: { ...h.article },
  passage: h.passage ? { ...h.passage } : null,
});

// ── inputs ─────────────────────────────────────────────────────────────────────────────────────────────────────────

export const CategoryParams = z.strictObject({ categoryId: IdOf('kbc') });
export const ArticleParams = z.strictObject({ articleId: IdOf('kba') });
export const VersionParams = ArticleParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) });

export const ListArticlesQuery = z.strictObject({
  status: z.enum(ARTICLE_STATUSES).optional(),
  kind: z.enum(ARTICLE_KINDS).optional(),
  language: z.enum(KB_LANGUAGES).optional(),
  /** This category and every category below it. */
  categoryId: IdOf('kbc').optional(),
  tag: z.string().max(40).optional(),
  q: Line(200).optional(),
  before: IdOf('kba').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const DiffQuery = z.strictObject({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

/** A review move names the version the caller looked at. */
export const ReviewBody = z.strictObject({ version: z.number().int().min(1), note: Line(2_000).optional() });

export const RollbackBody = z.strictObject({
  toVersion: z.number().int().min(1),
  expectedVersion: z.number().int().min(1),
  note: Line(500).optional(),
});

export const HitTestBody = z.strictObject({
  query: Line(1_000),
  filters: z
    .strictObject({
      language: z.enum(KB_LANGUAGES).optional(),
      categoryId: IdOf('kbc').optional(),
      tag: z.string().max(40).optional(),
      channel: z.string().max(40).optional(),
    })
    .default({}),
  limit: z.number().int().min(1).max(50).default(10),
});
