import type { ServiceContext } from '../../platform/context.ts';
import { isUniqueViolation, toJson } from '../../platform/db/dialect.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findCategory } from '../category-store.ts';
import { diffContent } from '../diff.ts';
import { sanitizeAnswer } from '../rich-text.ts';
import { type ArticleContent, ArticleInput, type ArticleRecord, type KbActor } from '../schema.ts';
import { findArticle, insertArticle, insertReviewEvent, insertVersion } from '../store.ts';
import { parseInput } from '../validate.ts';

export interface CreateArticleOptions {
  workspaceId: string;
  /** Validated here (importers call this directly): unknown fields, malformed text, oversize → 400 codes. */
  input: ArticleInput;
  /** Who writes version 1: a console user, an integration token, or the system (an import, a crawl). */
  actor: KbActor;
  /** Where the article came from, kept with it: `{ type: 'import', file, line }`, `{ type: 'crawl', url }` … */
  source?: Record<string, unknown>;
}

const MAX_SOURCE_JSON = 4_000;

/**
 * Writes a new article as a draft, with its version 1. Nothing a draft says is served until a reviewer publishes it.
 * A category or a variant of another workspace does not resolve (404); a second variant in the same language of one
 * group is a 409 conflict.
 */
export async function createArticle(ctx: ServiceContext, options: CreateArticleOptions): Promise<ArticleRecord> {
  const input = parseInput(ArticleInput, options.input);
  const { workspaceId, actor } = options;
  if (input.categoryId && !(await findCategory(ctx.db, workspaceId, input.categoryId))) throw notFound('Category');
  let groupId = newId('kbg');
  if (input.variantOf) {
    const original = await findArticle(ctx.db, workspaceId, input.variantOf);
    if (!original) throw notFound('Article');
    if (original.language === input.language) {
      throw new AppError('conflict', `The article to link is already in ${input.language}`, {
        details: { reason: 'same_language' },
      });
    }
    groupId = original.groupId;
  }
  const source = options.source ?? null;
  if (source && toJson(source).length > MAX_SOURCE_JSON) {
    throw new AppError('validation_failed', 'The source description is too large');
  }
  const content: ArticleContent = {
    title: input.title,
    alternates: uniqueLines(input.alternates, input.title),
    answer: sanitizeAnswer(input.answer),
    body: input.body,
    categoryId: input.categoryId,
    tags: [...new Set(input.tags)],
    channels: [...new Set(input.channels)],
    effectiveFrom: input.effectiveFrom,
    effectiveTo: input.effectiveTo,
  };
  if (input.kind === 'faq' && content.answer === '') {
    throw new AppError('validation_failed', 'The answer is empty once unsafe markup is removed', {
      details: [{ path: 'answer', message: 'empty after sanitizing', code: 'custom' }],
    });
  }
  const now = ctx.clock.now();
  const id = newId('kba');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const article = await insertArticle(trx, {
        id,
        workspaceId,
        kind: input.kind,
        language: input.language,
        groupId,
        content,
        source,
        actor,
        now,
      });
      await insertVersion(trx, workspaceId, {
        id: newId('kbv'),
        articleId: id,
        version: 1,
        ...content,
        authorType: actor.type,
        authorId: actor.id,
        note: input.note ?? null,
        diff: diffContent(null, content),
        createdAt: now,
      });
      await insertReviewEvent(trx, {
        id: newId('kbe'),
        workspace_id: workspaceId,
        article_id: id,
        version: 1,
        action: 'created',
        from_status: 'draft',
        to_status: 'draft',
        actor_type: actor.type,
        actor_id: actor.id,
        note: null,
        at: now,
      });
      return article;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', `This article already has a ${input.language} variant`, {
        details: { reason: 'variant_exists' },
      });
    }
    throw error;
  }
}

/** Similar questions without repeats (case- and width-insensitive) and without the standard question itself. */
export function uniqueLines(lines: string[], title: string): string[] {
  const key = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const seen = new Set([key(title)]);
  const out: string[] = [];
  for (const line of lines) {
    const k = key(line);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(line);
  }
  return out;
}
