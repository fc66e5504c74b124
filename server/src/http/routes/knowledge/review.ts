import { z } from 'zod';
import { addComment, CommentInput } from '../../../knowledge/commands/add-comment.ts';
import { reviewArticle } from '../../../knowledge/commands/review-article.ts';
import { rollbackArticle } from '../../../knowledge/commands/rollback-article.ts';
import { diffContent, diffLines } from '../../../knowledge/diff.ts';
import type { ReviewAction } from '../../../knowledge/status.ts';
import {
  findArticle,
  findVersion,
  listArticles,
  listComments,
  listReviewEvents,
  listVersions,
} from '../../../knowledge/store.ts';
import { notFound } from '../../../platform/errors.ts';
import type { PolicyName } from '../../policies.ts';
import { workspaceOf } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { kbActorOf, mayPublish } from './actor.ts';
import {
  ArticleParams,
  ArticleSummary,
  ArticleView,
  CommentView,
  DiffQuery,
  DiffView,
  presentArticle,
  presentComment,
  presentSummary,
  presentVersion,
  ReviewBody,
  ReviewEventView,
  RollbackBody,
  VersionParams,
  VersionSummary,
  VersionView,
} from './schema.ts';

/** Editors move their own drafts; reviewers decide. */
const REVIEW_ROUTES: { action: ReviewAction; policy: PolicyName }[] = [
  { action: 'submit', policy: 'kb.articles.write' },
  { action: 'withdraw', policy: 'kb.articles.write' },
  { action: 'reject', policy: 'kb.articles.review' },
  { action: 'publish', policy: 'kb.articles.review' },
  { action: 'archive', policy: 'kb.articles.review' },
];

/** The review workflow, version history, diff, rollback and comments. */
export async function reviewRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;
  const tags = ['knowledge'];

  for (const { action, policy } of REVIEW_ROUTES) {
    app.post(
      `/api/v1/kb/articles/:articleId/${action}`,
      {
        config: { policy },
        schema: { tags, params: ArticleParams, body: ReviewBody, response: { 200: ArticleView, ...errorResponses } },
      },
      async (request) =>
        presentArticle(
          await reviewArticle(ctx, {
            workspaceId: workspaceOf(request),
            articleId: request.params.articleId,
            action,
            version: request.body.version,
            note: request.body.note,
            actor: kbActorOf(request),
            ip: request.ip,
          }),
        ),
    );
  }

  app.get(
    '/api/v1/kb/review-queue',
    {
      config: { policy: 'kb.articles.read' },
      schema: { tags, response: { 200: z.object({ articles: z.array(ArticleSummary) }), ...errorResponses } },
    },
    async (request) => {
      const waiting = await listArticles(ctx.db, workspaceOf(request), { status: 'in_review', limit: 200 });
      // Oldest submission first: the queue is worked in order.
      return { articles: waiting.sort((a, b) => a.updatedAt - b.updatedAt).map(presentSummary) };
    },
  );

  app.get(
    '/api/v1/kb/articles/:articleId/versions',
    {
      config: { policy: 'kb.articles.read' },
      schema: {
        tags,
        params: ArticleParams,
        response: { 200: z.object({ versions: z.array(VersionSummary) }), ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      await mustFind(workspaceId, request.params.articleId);
      const versions = await listVersions(ctx.db, workspaceId, request.params.articleId);
      return {
        versions: versions.map((v) => ({
          id: v.id,
          version: v.version,
          title: v.title,
          authorType: v.authorType,
          authorId: v.authorId,
          note: v.note,
          createdAt: v.createdAt,
          changed: v.diff.map((c) => c.field),
        })),
      };
    },
  );

  app.get(
    '/api/v1/kb/articles/:articleId/versions/:version',
    {
      config: { policy: 'kb.articles.read' },
      schema: { tags, params: VersionParams, response: { 200: VersionView, ...errorResponses } },
    },
    async (request) => {
      const version = await findVersion(ctx.db, workspaceOf(request), request.params.articleId, request.params.version);
      if (!version) throw notFound('Version');
      return presentVersion(version);
    },
  );

  app.get(
    '/api/v1/kb/articles/:articleId/diff',
    {
      config: { policy: 'kb.articles.read' },
      schema: { tags, params: ArticleParams, querystring: DiffQuery, response: { 200: DiffView, ...errorResponses } },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      const { from, to } = request.query;
      const [a, b] = await Promise.all([
        findVersion(ctx.db, workspaceId, request.params.articleId, from),
        findVersion(ctx.db, workspaceId, request.params.articleId, to),
      ]);
      if (!a || !b) throw notFound('Version');
      const changes = diffContent(a, b);
      const lines: Record<string, ReturnType<typeof diffLines>> = {};
      for (const field of ['answer', 'body'] as const) {
        if (a[field] !== b[field]) lines[field] = diffLines(a[field], b[field]);
      }
      return { from, to, changes, lines };
    },
  );

  app.post(
    '/api/v1/kb/articles/:articleId/rollback',
    {
      config: { policy: 'kb.articles.rollback' },
      schema: {
        tags,
        params: ArticleParams,
        body: RollbackBody,
        response: { 200: ArticleView.extend({ live: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      const { article, live } = await rollbackArticle(ctx, {
        workspaceId: workspaceOf(request),
        articleId: request.params.articleId,
        toVersion: request.body.toVersion,
        expectedVersion: request.body.expectedVersion,
        note: request.body.note,
        actor: kbActorOf(request),
        mayPublish: mayPublish(request),
        ip: request.ip,
      });
      return { ...presentArticle(article), live };
    },
  );

  app.get(
    '/api/v1/kb/articles/:articleId/history',
    {
      config: { policy: 'kb.articles.read' },
      schema: {
        tags,
        params: ArticleParams,
        response: { 200: z.object({ events: z.array(ReviewEventView) }), ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      await mustFind(workspaceId, request.params.articleId);
      const events = await listReviewEvents(ctx.db, workspaceId, request.params.articleId);
      return {
        events: events.map((e) => ({
          id: e.id,
          version: e.version,
          action: e.action,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          actorType: e.actor_type,
          actorId: e.actor_id,
          note: e.note,
          at: e.at,
        })),
      };
    },
  );

  app.get(
    '/api/v1/kb/articles/:articleId/comments',
    {
      config: { policy: 'kb.articles.read' },
      schema: {
        tags,
        params: ArticleParams,
        response: { 200: z.object({ comments: z.array(CommentView) }), ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      await mustFind(workspaceId, request.params.articleId);
      return { comments: (await listComments(ctx.db, workspaceId, request.params.articleId)).map(presentComment) };
    },
  );

  app.post(
    '/api/v1/kb/articles/:articleId/comments',
    {
      config: { policy: 'kb.comments.write' },
      schema: { tags, params: ArticleParams, body: CommentInput, response: { 201: CommentView, ...errorResponses } },
    },
    async (request, reply) => {
      const comment = await addComment(ctx, {
        workspaceId: workspaceOf(request),
        articleId: request.params.articleId,
        input: request.body,
        actor: kbActorOf(request),
      });
      return reply.status(201).send(presentComment(comment));
    },
  );

  async function mustFind(workspaceId: string, articleId: string) {
    const article = await findArticle(ctx.db, workspaceId, articleId);
    if (!article) throw notFound('Article');
    return article;
  }
}
