import { z } from 'zod';
import { FeedbackInput, recordFeedback } from '../../../knowledge/commands/record-feedback.ts';
import { SynonymsInput, setSynonyms } from '../../../knowledge/commands/set-synonyms.ts';
import { knowledgeIndex } from '../../../knowledge/index-registry.ts';
import { listSynonymSets } from '../../../knowledge/retrieval-store.ts';
import { searchKnowledge } from '../../../knowledge/search-knowledge.ts';
import { notFound } from '../../../platform/errors.ts';
import { workspaceOf } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { kbActorOf } from './actor.ts';
import { ArticleParams, HitTestBody, HitView, PassageView, presentHit } from './schema.ts';

const SynonymSetView = z.object({ id: z.string(), terms: z.array(z.string()), createdAt: z.number() });

const PublishedView = z.object({
  id: z.string(),
  kind: z.enum(['faq', 'document']),
  language: z.enum(['zh', 'en']),
  version: z.number().int(),
  title: z.string(),
  alternates: z.array(z.string()),
  answerHtml: z.string(),
  answerText: z.string(),
  categoryId: z.string().nullable(),
  tags: z.array(z.string()),
  channels: z.array(z.string()),
  effectiveFrom: z.number().nullable(),
  effectiveTo: z.number().nullable(),
  passages: z.array(PassageView),
});

/** What customers are served: the hit test, published articles, feedback, and the synonyms retrieval uses. */
export async function retrievalRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;
  const tags = ['knowledge'];

  app.post(
    '/api/v1/kb/hit-test',
    {
      config: { policy: 'kb.hit_test' },
      schema: {
        tags,
        description: 'What a question retrieves from the published knowledge base, and why.',
        body: HitTestBody,
        response: {
          200: z.object({ query: z.string(), tookMs: z.number(), hits: z.array(HitView) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const started = performance.now();
      const hits = await searchKnowledge(ctx, workspaceOf(request), request.body.query, {
        ...request.body.filters,
        limit: request.body.limit,
      });
      return {
        query: request.body.query,
        tookMs: Math.round((performance.now() - started) * 100) / 100,
        hits: hits.map(presentHit),
      };
    },
  );

  app.get(
    '/api/v1/kb/published/:articleId',
    {
      config: { policy: 'kb.published.read' },
      schema: { tags, params: ArticleParams, response: { 200: PublishedView, ...errorResponses } },
    },
    async (request) => {
      const knowledge = await knowledgeIndex(ctx).workspace(workspaceOf(request));
      const live = knowledge.live.get(request.params.articleId)?.article;
      if (!live) throw notFound('Published article');
      return {
        id: live.id,
        kind: live.kind,
        language: live.language,
        version: live.version,
        title: live.title,
        alternates: live.alternates,
        answerHtml: live.answer,
        answerText: live.answerText,
        categoryId: live.categoryId,
        tags: live.tags,
        channels: live.channels,
        effectiveFrom: live.effectiveFrom,
        effectiveTo: live.effectiveTo,
        passages: live.passages,
      };
    },
  );

  app.post(
    '/api/v1/kb/feedback',
    {
      config: { policy: 'kb.feedback' },
      schema: { tags, body: FeedbackInput, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await recordFeedback(ctx, { workspaceId: workspaceOf(request), input: request.body });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/kb/synonyms',
    {
      config: { policy: 'kb.articles.read' },
      schema: { tags, response: { 200: z.object({ sets: z.array(SynonymSetView) }), ...errorResponses } },
    },
    async (request) => ({ sets: await listSynonymSets(ctx.db, workspaceOf(request)) }),
  );

  app.put(
    '/api/v1/kb/synonyms',
    {
      config: { policy: 'kb.synonyms.manage' },
      schema: {
        tags,
        body: SynonymsInput,
        response: { 200: z.object({ sets: z.array(SynonymSetView) }), ...errorResponses },
      },
    },
    async (request) => ({
      sets: await setSynonyms(ctx, {
        workspaceId: workspaceOf(request),
        input: request.body,
        actor: kbActorOf(request),
      }),
    }),
  );
}
