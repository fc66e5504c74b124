import { Readable } from 'node:stream';
import { DIMENSIONS, METRIC_IDS, METRICS } from '../../../analytics/definitions.ts';
import { getDefinitions } from '../../../analytics/definitions-store.ts';
import { drillDown } from '../../../analytics/drilldown.ts';
import { exportConversationsCsv } from '../../../analytics/export-csv.ts';
import { botPostMortem } from '../../../analytics/post-mortem.ts';
import { queryMetrics } from '../../../analytics/query.ts';
import { computeScorecards } from '../../../analytics/scorecard.ts';
import { listTargets, progressOf } from '../../../analytics/targets.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { manageRoutes } from './manage.ts';
import {
  DefinitionsView,
  DrillQuery,
  DrillView,
  ExportQuery,
  MetricsQuery,
  MetricsView,
  PostMortemView,
  RangeQuery,
  ScorecardQuery,
  ScorecardsView,
} from './schema.ts';
import { rangeOf, sliceOf } from './scope.ts';

/** The numbers: metrics sliced and bucketed, drill-down, CSV export, scorecards, the bot's post-mortem. */
export async function analyticsRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;
  const tags = ['analytics'];

  app.get(
    '/api/v1/analytics/definitions',
    { config: { policy: 'analytics.read' }, schema: { tags, response: { 200: DefinitionsView, ...errorResponses } } },
    async (request) => {
      const defs = await getDefinitions(ctx.db, sliceOf(request, {}).workspaceId);
      const { version, rebuiltVersion, ...parameters } = defs;
      return {
        version,
        rebuiltVersion,
        parameters,
        metrics: METRIC_IDS.map((id) => METRICS[id]),
        dimensions: [...DIMENSIONS],
      };
    },
  );

  app.get(
    '/api/v1/analytics/metrics',
    {
      config: { policy: 'analytics.read' },
      schema: { tags, querystring: MetricsQuery, response: { 200: MetricsView, ...errorResponses } },
    },
    async (request) => {
      const { workspaceId, filter } = sliceOf(request, request.query);
      const range = rangeOf(request.query, ctx.clock.now());
      const defs = await getDefinitions(ctx.db, workspaceId);
      const [rows, targets] = await Promise.all([
        queryMetrics(ctx.db, defs, {
          workspaceId,
          ...range,
          groupBy: request.query.groupBy,
          ...(filter ? { filter } : {}),
        }),
        listTargets(ctx.db, workspaceId),
      ]);
      const target = new Map(
        targets.filter((t) => t.scenario === request.query.scenario).map((t) => [t.metric as string, t.value]),
      );
      return {
        ...range,
        definitionsVersion: defs.version,
        rows: rows.map((row) => ({
          key: row.key,
          metrics: Object.fromEntries(
            METRIC_IDS.map((id) => [
              id,
              { ...row.metrics[id], progress: progressOf(id, row.metrics[id].value, target.get(id)) },
            ]),
          ),
        })),
      };
    },
  );

  app.get(
    '/api/v1/analytics/drilldown',
    {
      config: { policy: 'analytics.read' },
      schema: { tags, querystring: DrillQuery, response: { 200: DrillView, ...errorResponses } },
    },
    async (request) => {
      const { workspaceId, filter } = sliceOf(request, request.query);
      const { metric, only, botFailure, cursor, limit } = request.query;
      return drillDown(ctx.db, {
        workspaceId,
        metric,
        ...rangeOf(request.query, ctx.clock.now()),
        limit,
        ...(only ? { only } : {}),
        ...(botFailure ? { botFailure } : {}),
        ...(cursor ? { cursor } : {}),
        ...(filter ? { filter } : {}),
      });
    },
  );

  app.get(
    '/api/v1/analytics/export.csv',
    {
      config: { policy: 'analytics.supervise' },
      // The body is a CSV stream, one row per conversation (see analytics/export-csv.ts for the columns).
      schema: { tags, querystring: ExportQuery, response: errorResponses },
    },
    async (request, reply) => {
      const { workspaceId, filter } = sliceOf(request, request.query);
      const range = rangeOf(request.query, ctx.clock.now());
      const lines = exportConversationsCsv(ctx.db, { workspaceId, ...range, ...(filter ? { filter } : {}) });
      return (
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="lingxi-conversations-${range.from}-${range.to}.csv"`)
          // A stream is sent as is (no serializer); the typed reply only knows the JSON schemas.
          .send(Readable.from(lines) as never)
      );
    },
  );

  app.get(
    '/api/v1/analytics/scorecards',
    {
      config: { policy: 'analytics.read' },
      schema: { tags, querystring: ScorecardQuery, response: { 200: ScorecardsView, ...errorResponses } },
    },
    async (request) => {
      const { workspaceId, agentOnly, filter } = sliceOf(request, {});
      const defs = await getDefinitions(ctx.db, workspaceId);
      const cards = await computeScorecards(ctx.db, defs, {
        workspaceId,
        scenario: request.query.scenario,
        ...rangeOf(request.query, ctx.clock.now()),
      });
      if (!agentOnly) return cards;
      // An agent sees their own card, not their colleagues' or the teams'.
      return { ...cards, agents: cards.agents.filter((a) => a.subject === filter?.value), teams: [], bot: null };
    },
  );

  app.get(
    '/api/v1/analytics/bot/post-mortem',
    {
      config: { policy: 'analytics.supervise' },
      schema: { tags, querystring: RangeQuery, response: { 200: PostMortemView, ...errorResponses } },
    },
    async (request) => {
      const { workspaceId } = sliceOf(request, {});
      const defs = await getDefinitions(ctx.db, workspaceId);
      return botPostMortem(ctx.db, defs, { workspaceId, ...rangeOf(request.query, ctx.clock.now()) });
    },
  );

  await manageRoutes(app, deps);
}
