import { z } from 'zod';
import { listCategories } from '../../../knowledge/category-store.ts';
import { createArticle } from '../../../knowledge/commands/create-article.ts';
import { updateArticle } from '../../../knowledge/commands/update-article.ts';
import { splitPassages } from '../../../knowledge/passages.ts';
import { ArticleInput, ArticlePatch } from '../../../knowledge/schema.ts';
import { findArticle, listArticles, listVariants } from '../../../knowledge/store.ts';
import { notFound } from '../../../platform/errors.ts';
import { workspaceOf } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { kbActorOf } from './actor.ts';
import {
  ArticleDetail,
  ArticleParams,
  ArticleSummary,
  ArticleView,
  ListArticlesQuery,
  presentArticle,
  presentSummary,
} from './schema.ts';

/** A document's body may be 500,000 characters; in Chinese that is 1.5 MB of UTF-8 before JSON escaping. */
export const ARTICLE_BODY_LIMIT = 4 * 1024 * 1024;

/** The editorial view of articles: list, read (drafts included), create, edit. */
export async function articleRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;
  const tags = ['knowledge'];

  app.get(
    '/api/v1/kb/articles',
    {
      config: { policy: 'kb.articles.read' },
      schema: {
        tags,
        querystring: ListArticlesQuery,
        response: { 200: z.object({ articles: z.array(ArticleSummary) }), ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      const { categoryId, q, ...filter } = request.query;
      const categoryIds = categoryId ? await descendantsOf(workspaceId, categoryId) : undefined;
      const articles = await listArticles(ctx.db, workspaceId, { ...filter, text: q, categoryIds });
      return { articles: articles.map(presentSummary) };
    },
  );

  app.post(
    '/api/v1/kb/articles',
    {
      config: { policy: 'kb.articles.write' },
      bodyLimit: ARTICLE_BODY_LIMIT,
      schema: { tags, body: ArticleInput, response: { 201: ArticleView, ...errorResponses } },
    },
    async (request, reply) => {
      const article = await createArticle(ctx, {
        workspaceId: workspaceOf(request),
        input: request.body,
        actor: kbActorOf(request),
      });
      return reply.status(201).send(presentArticle(article));
    },
  );

  app.get(
    '/api/v1/kb/articles/:articleId',
    {
      config: { policy: 'kb.articles.read' },
      schema: { tags, params: ArticleParams, response: { 200: ArticleDetail, ...errorResponses } },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      const article = await findArticle(ctx.db, workspaceId, request.params.articleId);
      if (!article) throw notFound('Article');
      const variants = (await listVariants(ctx.db, workspaceId, article.groupId)).filter((v) => v.id !== article.id);
      return {
        ...presentArticle(article),
        variants: variants.map((v) => ({ id: v.id, language: v.language, status: v.status })),
        passages: article.kind === 'document' ? splitPassages(article.title, article.body) : [],
      };
    },
  );

  app.patch(
    '/api/v1/kb/articles/:articleId',
    {
      config: { policy: 'kb.articles.write' },
      bodyLimit: ARTICLE_BODY_LIMIT,
      schema: {
        tags,
        params: ArticleParams,
        body: ArticlePatch,
        response: { 200: ArticleView.extend({ changed: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      const { article, changed } = await updateArticle(ctx, {
        workspaceId: workspaceOf(request),
        articleId: request.params.articleId,
        patch: request.body,
        actor: kbActorOf(request),
      });
      return { ...presentArticle(article), changed };
    },
  );

  /** A category and all categories below it (the tree is small: read it whole). */
  async function descendantsOf(workspaceId: string, categoryId: string): Promise<string[]> {
    const all = await listCategories(ctx.db, workspaceId);
    if (!all.some((c) => c.id === categoryId)) throw notFound('Category');
    const ids = [categoryId];
    for (let i = 0; i < ids.length; i++) {
      for (const c of all) if (c.parentId === ids[i]) ids.push(c.id);
    }
    return ids;
  }
}
