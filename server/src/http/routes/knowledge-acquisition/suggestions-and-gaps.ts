import { z } from 'zod';
import { acceptSuggestion, rejectSuggestion } from '../../../knowledge/acquisition/commands/suggestions.ts';
import { findGap, setGapStatus } from '../../../knowledge/acquisition/gap-store.ts';
import { listGaps } from '../../../knowledge/acquisition/gaps/list-gaps.ts';
import { listSuggestions } from '../../../knowledge/acquisition/suggestion-store.ts';
import { notFound } from '../../../platform/errors.ts';
import { workspaceOf } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { kbActorOf } from '../knowledge/actor.ts';
import {
  AcceptSuggestionBody,
  GapParams,
  GapStatusBody,
  GapView,
  ListGapsQuery,
  ListSuggestionsQuery,
  presentGap,
  presentSuggestion,
  SuggestionParams,
  SuggestionView,
} from './schema.ts';

/** The suggestions queue (mined from agents' answers: accept → draft, reject) and the knowledge gaps. */
export async function suggestionAndGapRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;
  const tags = ['knowledge acquisition'];

  app.get(
    '/api/v1/kb/suggestions',
    {
      config: { policy: 'kb.suggestions.read' },
      schema: {
        tags,
        querystring: ListSuggestionsQuery,
        response: { 200: z.object({ suggestions: z.array(SuggestionView) }), ...errorResponses },
      },
    },
    async (request) => {
      const suggestions = await listSuggestions(ctx.db, workspaceOf(request), request.query);
      return { suggestions: suggestions.map(presentSuggestion) };
    },
  );

  app.post(
    '/api/v1/kb/suggestions/:suggestionId/accept',
    {
      config: { policy: 'kb.suggestions.decide' },
      schema: {
        tags,
        params: SuggestionParams,
        body: AcceptSuggestionBody,
        response: { 201: SuggestionView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const suggestion = await acceptSuggestion(ctx, {
        workspaceId: workspaceOf(request),
        suggestionId: request.params.suggestionId,
        actor: kbActorOf(request),
        edits: request.body,
      });
      return reply.status(201).send(presentSuggestion(suggestion));
    },
  );

  app.post(
    '/api/v1/kb/suggestions/:suggestionId/reject',
    {
      config: { policy: 'kb.suggestions.decide' },
      schema: { tags, params: SuggestionParams, response: { 200: SuggestionView, ...errorResponses } },
    },
    async (request) => {
      const suggestion = await rejectSuggestion(ctx, {
        workspaceId: workspaceOf(request),
        suggestionId: request.params.suggestionId,
        actor: kbActorOf(request),
      });
      return presentSuggestion(suggestion);
    },
  );

  app.get(
    '/api/v1/kb/gaps',
    {
      config: { policy: 'kb.gaps.read' },
      schema: {
        tags,
        querystring: ListGapsQuery,
        response: { 200: z.object({ gaps: z.array(GapView) }), ...errorResponses },
      },
    },
    async (request) => {
      const gaps = await listGaps(ctx, workspaceOf(request), request.query);
      return { gaps: gaps.map(presentGap) };
    },
  );

  app.post(
    '/api/v1/kb/gaps/:gapId/status',
    {
      config: { policy: 'kb.gaps.manage' },
      schema: {
        tags,
        params: GapParams,
        body: GapStatusBody,
        response: { 200: z.object({ id: z.string(), status: z.enum(['open', 'dismissed']) }), ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      if (!(await findGap(ctx.db, workspaceId, request.params.gapId))) throw notFound('Knowledge gap');
      await setGapStatus(ctx.db, workspaceId, request.params.gapId, request.body.status);
      return { id: request.params.gapId, status: request.body.status };
    },
  );
}
