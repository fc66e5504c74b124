import type { Selectable } from 'kysely';
import { fromJson, toJson } from '../platform/db/dialect.ts';
import type {
  ArticleContent,
  ArticleRecord,
  ArticleVersionRecord,
  CategoryRecord,
  CommentRecord,
  FieldChange,
  KbActor,
} from './schema.ts';
import type { ArticleTable, ArticleVersionTable, CategoryTable, CommentTable } from './store.ts';

/** Rows (snake_case, JSON as text) to the records the rest of the server works with. */
export const toCategory = (r: Selectable<CategoryTable>): CategoryRecord => ({
  id: r.id,
  workspaceId: r.workspace_id,
  parentId: r.parent_id,
  name: r.name,
  nameEn: r.name_en,
  position: r.position,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toArticle = (r: Selectable<ArticleTable>): ArticleRecord => ({
  id: r.id,
  workspaceId: r.workspace_id,
  kind: r.kind,
  language: r.language,
  groupId: r.group_id,
  status: r.status,
  version: r.version,
  liveVersion: r.live_version,
  title: r.title,
  alternates: fromJson<string[]>(r.alternates, []),
  answer: r.answer,
  body: r.body,
  categoryId: r.category_id,
  tags: fromJson<string[]>(r.tags, []),
  channels: fromJson<string[]>(r.channels, []),
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  source: r.source === null ? null : fromJson<Record<string, unknown> | null>(r.source, null),
  createdBy: r.created_by,
  updatedBy: r.updated_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  publishedAt: r.published_at,
});

/** The content columns of an article row (the newest version's content). */
export const contentColumns = (content: ArticleContent) => ({
  title: content.title,
  alternates: toJson(content.alternates),
  answer: content.answer,
  body: content.body,
  category_id: content.categoryId,
  tags: toJson(content.tags),
  channels: toJson(content.channels),
  effective_from: content.effectiveFrom,
  effective_to: content.effectiveTo,
});

const EMPTY_CONTENT: ArticleContent = {
  title: '',
  alternates: [],
  answer: '',
  body: '',
  categoryId: null,
  tags: [],
  channels: [],
  effectiveFrom: null,
  effectiveTo: null,
};

export function contentOf(value: Partial<ArticleContent>): ArticleContent {
  return {
    title: value.title ?? EMPTY_CONTENT.title,
    alternates: value.alternates ?? [],
    answer: value.answer ?? '',
    body: value.body ?? '',
    categoryId: value.categoryId ?? null,
    tags: value.tags ?? [],
    channels: value.channels ?? [],
    effectiveFrom: value.effectiveFrom ?? null,
    effectiveTo: value.effectiveTo ?? null,
  };
}

export const toVersion = (r: Selectable<ArticleVersionTable>): ArticleVersionRecord => ({
  id: r.id,
  articleId: r.article_id,
  version: r.version,
  ...contentOf(fromJson<Partial<ArticleContent>>(r.content, {})),
  authorType: r.author_type as KbActor['type'],
  authorId: r.author_id,
  note: r.note,
  diff: fromJson<FieldChange[]>(r.diff, []),
  createdAt: r.created_at,
});

export const toComment = (r: Selectable<CommentTable>): CommentRecord => ({
  id: r.id,
  articleId: r.article_id,
  version: r.version,
  authorId: r.author_id,
  body: r.body,
  createdAt: r.created_at,
});
