import { z } from 'zod';
import type { CrawlRunRecord, CrawlSourceRecord } from '../../../knowledge/acquisition/crawl-store.ts';
import type { GapView as GapData } from '../../../knowledge/acquisition/gaps/list-gaps.ts';
import { IMPORT_FORMATS, PROBLEM_CODES } from '../../../knowledge/acquisition/import/types.ts';
import type { ImportRecord } from '../../../knowledge/acquisition/import-store.ts';
import { SUGGESTION_STATUSES, type SuggestionRecord } from '../../../knowledge/acquisition/suggestion-store.ts';
import {
  CategoryId,
  KB_LANGUAGES,
  Line,
  MAX_ALTERNATES,
  MAX_ANSWER_LENGTH,
  MAX_TITLE_LENGTH,
} from '../../../knowledge/schema.ts';
import { IdOf } from '../../schemas.ts';

/** What leaves the server about imports, crawls, suggestions and gaps; presenters copy fields one by one. */
export const RowProblemView = z.object({
  line: z.number().int(),
  sheet: z.string().optional(),
  field: z.string().nullable(),
  code: z.enum(PROBLEM_CODES),
  message: z.string(),
  messageZh: z.string(),
});

export const ImportView = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.enum(IMPORT_FORMATS),
  sizeBytes: z.number(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  skipBadRows: z.boolean(),
  progress: z.number().int().min(0).max(100),
  encoding: z.string().nullable(),
  totalEntries: z.number().int(),
  importedCount: z.number().int(),
  problemCount: z.number().int(),
  articleIds: z.array(z.string()),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});

export function presentImport(r: ImportRecord, liveProgress?: number): z.infer<typeof ImportView> {
  return {
    id: r.id,
    fileName: r.fileName,
    format: r.format,
    sizeBytes: r.sizeBytes,
    status: r.status,
    skipBadRows: r.skipBadRows,
    progress:
      r.status === 'running' && liveProgress !== undefined
        ? Math.max(r.progress, Math.min(99, liveProgress))
        : r.progress,
    encoding: r.encoding,
    totalEntries: r.totalEntries,
    importedCount: r.importedCount,
    problemCount: r.problemCount,
    articleIds: r.articleIds,
    error: r.error,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  };
}

export const ImportParams = z.strictObject({ importId: IdOf('kbi') });
export const ImportUploadQuery = z.strictObject({
  skipBadRows: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

export const CrawlRunView = z.object({
  id: z.string(),
  sourceId: z.string(),
  trigger: z.enum(['manual', 'schedule']),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  progress: z.number().int(),
  pagesFetched: z.number().int(),
  pagesNew: z.number().int(),
  pagesChanged: z.number().int(),
  pagesUnchanged: z.number().int(),
  pagesSkipped: z.number().int(),
  summary: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  queuedAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
});

export const presentRun = (r: CrawlRunRecord): z.infer<typeof CrawlRunView> => ({
  id: r.id,
  sourceId: r.sourceId,
  trigger: r.trigger,
  status: r.status,
  progress: r.progress,
  pagesFetched: r.pagesFetched,
  pagesNew: r.pagesNew,
  pagesChanged: r.pagesChanged,
  pagesUnchanged: r.pagesUnchanged,
  pagesSkipped: r.pagesSkipped,
  summary: r.summary,
  error: r.error,
  queuedAt: r.queuedAt,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});

export const CrawlSourceView = z.object({
  id: z.string(),
  name: z.string(),
  startUrl: z.string(),
  sitemapUrl: z.string().nullable(),
  maxDepth: z.number().int(),
  maxPages: z.number().int(),
  schedule: z.string().nullable(),
  categoryId: z.string().nullable(),
  enabled: z.boolean(),
  status: z.enum(['idle', 'queued', 'running']),
  nextRunAt: z.number().nullable(),
  lastRunAt: z.number().nullable(),
  lastRunStatus: z.string().nullable(),
  lastRun: CrawlRunView.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const presentSource = (
  s: CrawlSourceRecord,
  lastRun: CrawlRunRecord | undefined,
): z.infer<typeof CrawlSourceView> => ({
  id: s.id,
  name: s.name,
  startUrl: s.startUrl,
  sitemapUrl: s.sitemapUrl,
  maxDepth: s.maxDepth,
  maxPages: s.maxPages,
  schedule: s.schedule,
  categoryId: s.categoryId,
  enabled: s.enabled,
  status: s.status,
  nextRunAt: s.nextRunAt,
  lastRunAt: s.lastRunAt,
  lastRunStatus: s.lastRunStatus,
  lastRun: lastRun ? presentRun(lastRun) : null,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

export const SourceParams = z.strictObject({ sourceId: IdOf('kbs') });
export const RunParams = z.strictObject({ runId: IdOf('kbr') });

export const SuggestionView = z.object({
  id: z.string(),
  language: z.enum(KB_LANGUAGES),
  question: z.string(),
  alternates: z.array(z.string()),
  answer: z.string(),
  frequency: z.number().int(),
  /** Links to the conversations it was mined from. */
  conversationIds: z.array(z.string()),
  status: z.enum(SUGGESTION_STATUSES),
  articleId: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const presentSuggestion = (s: SuggestionRecord): z.infer<typeof SuggestionView> => ({
  id: s.id,
  language: s.language,
  question: s.question,
  alternates: s.alternates,
  answer: s.answer,
  frequency: s.frequency,
  conversationIds: s.conversationIds,
  status: s.status,
  articleId: s.articleId,
  decidedBy: s.decidedBy,
  decidedAt: s.decidedAt,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

export const SuggestionParams = z.strictObject({ suggestionId: IdOf('kbsg') });
export const ListSuggestionsQuery = z.strictObject({
  status: z.enum(SUGGESTION_STATUSES).default('pending'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
/** An editor's corrections when accepting; the answer is HTML (sanitized by the article command). */
export const AcceptSuggestionBody = z
  .strictObject({
    question: Line(MAX_TITLE_LENGTH).optional(),
    answer: z.string().max(MAX_ANSWER_LENGTH).optional(),
    alternates: z.array(Line(MAX_TITLE_LENGTH)).max(MAX_ALTERNATES).optional(),
    categoryId: CategoryId.nullable().optional(),
  })
  .default({});

export const GapView = z.object({
  id: z.string(),
  question: z.string(),
  language: z.enum(KB_LANGUAGES),
  status: z.enum(['open', 'dismissed']),
  count: z.number().int(),
  unansweredCount: z.number().int(),
  firstAt: z.number(),
  lastAt: z.number(),
  examples: z.array(
    z.object({
      question: z.string(),
      conversationId: z.string().nullable(),
      confidence: z.number().nullable(),
      at: z.number(),
    }),
  ),
  trend: z.array(z.number().int()),
  direction: z.enum(['rising', 'falling', 'steady']),
});
export const presentGap = (g: GapData): z.infer<typeof GapView> => ({
  ...g,
  examples: g.examples.map((e) => ({ ...e })),
  trend: [...g.trend],
});

export const GapParams = z.strictObject({ gapId: IdOf('kbgap') });
export const ListGapsQuery = z.strictObject({
  status: z.enum(['open', 'dismissed']).default('open'),
  days: z.coerce.number().int().min(2).max(90).default(14),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const GapStatusBody = z.strictObject({ status: z.enum(['open', 'dismissed']) });
