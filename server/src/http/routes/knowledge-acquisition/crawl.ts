import { z } from 'zod';
import {
  createCrawlSource,
  deleteCrawlSource,
  updateCrawlSource,
} from '../../../knowledge/acquisition/commands/crawl-sources.ts';
import { startCrawlRun } from '../../../knowledge/acquisition/commands/start-crawl-run.ts';
import { findRun, findSource, listRuns, listSources } from '../../../knowledge/acquisition/crawl-store.ts';
import { CrawlSourceInput, CrawlSourcePatch } from '../../../knowledge/acquisition/schema.ts';
import type { AcquisitionSettings } from '../../../knowledge/acquisition/settings.ts';
import { notFound } from '../../../platform/errors.ts';
import { signedIn, workspaceOf } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { jobQueueOf } from './jobs.ts';
import { CrawlRunView, CrawlSourceView, presentRun, presentSource, RunParams, SourceParams } from './schema.ts';

/** Crawl sources: create, list with status and last run, change, delete, run now, and runs with their progress. */
export async function crawlRoutes(app: App, deps: AppDeps, settings: AcquisitionSettings): Promise<void> {
  const { ctx } = deps;
  const tags = ['knowledge acquisition'];
  const withLastRun = async (workspaceId: string, sourceId: string) => {
    const source = await findSource(ctx.db, workspaceId, sourceId);
    if (!source) throw notFound('Crawl source');
    const lastRun = source.lastRunId ? await findRun(ctx.db, workspaceId, source.lastRunId) : undefined;
    return presentSource(source, lastRun);
  };

  app.get(
    '/api/v1/kb/crawl-sources',
    {
      config: { policy: 'kb.crawl.read' },
      schema: { tags, response: { 200: z.object({ sources: z.array(CrawlSourceView) }), ...errorResponses } },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      const sources = await listSources(ctx.db, workspaceId);
      return { sources: await Promise.all(sources.map((s) => withLastRun(workspaceId, s.id))) };
    },
  );

  app.post(
    '/api/v1/kb/crawl-sources',
    {
      config: { policy: 'kb.crawl.manage' },
      schema: { tags, body: CrawlSourceInput, response: { 201: CrawlSourceView, ...errorResponses } },
    },
    async (request, reply) => {
      const principal = signedIn(request);
      const source = await createCrawlSource(ctx, {
        workspaceId: principal.workspaceId,
        input: request.body,
        createdBy: principal.kind === 'user' ? principal.userId : null,
        utcOffsetMinutes: settings.utcOffsetMinutes,
      });
      return reply.status(201).send(presentSource(source, undefined));
    },
  );

  app.get(
    '/api/v1/kb/crawl-sources/:sourceId',
    {
      config: { policy: 'kb.crawl.read' },
      schema: {
        tags,
        params: SourceParams,
        response: { 200: CrawlSourceView.extend({ runs: z.array(CrawlRunView) }), ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      const source = await withLastRun(workspaceId, request.params.sourceId);
      const runs = await listRuns(ctx.db, workspaceId, source.id);
      return { ...source, runs: runs.map(presentRun) };
    },
  );

  app.patch(
    '/api/v1/kb/crawl-sources/:sourceId',
    {
      config: { policy: 'kb.crawl.manage' },
      schema: {
        tags,
        params: SourceParams,
        body: CrawlSourcePatch,
        response: { 200: CrawlSourceView, ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      await updateCrawlSource(ctx, {
        workspaceId,
        sourceId: request.params.sourceId,
        patch: request.body,
        utcOffsetMinutes: settings.utcOffsetMinutes,
      });
      return withLastRun(workspaceId, request.params.sourceId);
    },
  );

  app.delete(
    '/api/v1/kb/crawl-sources/:sourceId',
    {
      config: { policy: 'kb.crawl.manage' },
      schema: { tags, params: SourceParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await deleteCrawlSource(ctx, workspaceOf(request), request.params.sourceId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/kb/crawl-sources/:sourceId/runs',
    {
      config: { policy: 'kb.crawl.manage' },
      schema: { tags, params: SourceParams, response: { 202: CrawlRunView, ...errorResponses } },
    },
    async (request, reply) => {
      const workspaceId = workspaceOf(request);
      // An unknown source is a 404 whether or not this process can queue jobs.
      if (!(await findSource(ctx.db, workspaceId, request.params.sourceId))) throw notFound('Crawl source');
      const run = await startCrawlRun(ctx, jobQueueOf(deps), {
        workspaceId,
        sourceId: request.params.sourceId,
        trigger: 'manual',
      });
      return reply.status(202).send(presentRun(run!));
    },
  );

  app.get(
    '/api/v1/kb/crawl-runs/:runId',
    {
      config: { policy: 'kb.crawl.read' },
      schema: { tags, params: RunParams, response: { 200: CrawlRunView, ...errorResponses } },
    },
    async (request) => {
      const run = await findRun(ctx.db, workspaceOf(request), request.params.runId);
      if (!run) throw notFound('Crawl run');
      return presentRun(run);
    },
  );
}
