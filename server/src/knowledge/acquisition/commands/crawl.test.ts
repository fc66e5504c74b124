import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '../../../../test/support/engines.ts';
import { DbJobQueue } from '../../../platform/jobs/db-job-queue.ts';
import { reviewArticle } from '../../commands/review-article.ts';
import { findArticle, listArticles, listVersions } from '../../store.ts';
import { createTestBed, type KnowledgeTestBed, seedKnowledgeWorkspace } from '../../testing/context.ts';
import { createHttpFetcher } from '../crawl/fetch-page.ts';
import { startTestSite, type TestSite } from '../crawl/testing/test-site.ts';
import { findSource, listRuns } from '../crawl-store.ts';
import { createCrawlSource } from './crawl-sources.ts';
import { enqueueDueCrawls } from './enqueue-due-crawls.ts';
import { runCrawl } from './run-crawl.ts';
import { CRAWL_JOB, startCrawlRun } from './start-crawl-run.ts';

const USER_AGENT = 'LingxiBot/1.0';
const CST = 480;

describe.each(testEngines())('crawl sources on %s', (engine) => {
  let site: TestSite;
  let bed: KnowledgeTestBed;
  let ws: Awaited<ReturnType<typeof seedKnowledgeWorkspace>>;
  let jobs: DbJobQueue;
  beforeAll(async () => {
    site = await startTestSite({ pages: 20 });
  });
  afterAll(async () => {
    await site.close();
  });
  beforeEach(async () => {
    bed = createTestBed(await openTestDatabase(engine));
    ws = await seedKnowledgeWorkspace(bed.ctx);
    jobs = new DbJobQueue({ db: bed.ctx.db, clock: bed.clock, logger: bed.ctx.logger });
  });
  afterEach(async () => {
    await jobs.close();
    await bed.dispose();
  });

  // The test site is on 127.0.0.1: loopback is allowed explicitly here, as configuration would.
  const fetcher = createHttpFetcher({ policy: { allow: ['loopback'] }, userAgent: USER_AGENT });
  const crawlNow = async (sourceId: string, f = fetcher) => {
    const run = await startCrawlRun(bed.ctx, jobs, { workspaceId: ws.workspaceId, sourceId, trigger: 'manual' });
    return runCrawl(bed.ctx, { workspaceId: ws.workspaceId, runId: run!.id, fetcher: f, userAgent: USER_AGENT });
  };

  it('turns new pages into drafts, and a changed page into a new draft version, never overwriting what is live', async () => {
    const source = await createCrawlSource(bed.ctx, {
      workspaceId: ws.workspaceId,
      input: { name: '帮助中心', startUrl: site.url, maxDepth: 3, maxPages: 100 },
      createdBy: ws.editor.id,
      utcOffsetMinutes: CST,
    });
    const first = await crawlNow(source.id);
    expect(first).toMatchObject({ status: 'succeeded', progress: 100, pagesChanged: 0, pagesUnchanged: 0 });
    expect(first!.pagesNew).toBeGreaterThanOrEqual(20);
    const drafts = await listArticles(bed.ctx.db, ws.workspaceId);
    expect(drafts).toHaveLength(first!.pagesNew);
    expect(drafts.every((a) => a.status === 'draft' && a.kind === 'document' && a.liveVersion === null)).toBe(true);
    const page3 = drafts.find((a) => (a.source as { url?: string })?.url === `${site.url}/page/3`)!;
    expect(page3.body).toContain('第 3 篇说明');

    await reviewArticle(bed.ctx, {
      workspaceId: ws.workspaceId,
      articleId: page3.id,
      action: 'submit',
      version: 1,
      actor: ws.editor,
    });
    await reviewArticle(bed.ctx, {
      workspaceId: ws.workspaceId,
      articleId: page3.id,
      action: 'publish',
      version: 1,
      actor: ws.reviewer,
    });

    site.edit(3, '规则已更新：自签收之日起 15 天内可申请服务。');
    const second = await crawlNow(source.id);
    expect(second).toMatchObject({ status: 'succeeded', pagesNew: 0, pagesChanged: 1 });
    expect(second!.pagesUnchanged).toBe(first!.pagesNew - 1);
    const revised = await findArticle(bed.ctx.db, ws.workspaceId, page3.id);
    expect(revised).toMatchObject({ status: 'draft', version: 2, liveVersion: 1 });
    expect(revised?.body).toContain('15 天内');
    const versions = await listVersions(bed.ctx.db, ws.workspaceId, page3.id);
    expect(versions.find((v) => v.version === 1)?.body).toContain('第 3 篇说明');
    expect(await listArticles(bed.ctx.db, ws.workspaceId)).toHaveLength(first!.pagesNew);

    const runs = await listRuns(bed.ctx.db, ws.workspaceId, source.id);
    expect(runs).toHaveLength(2);
    expect(await findSource(bed.ctx.db, ws.workspaceId, source.id)).toMatchObject({
      status: 'idle',
      lastRunStatus: 'succeeded',
      lastRunId: second!.id,
    });
  });

  it('fails the run, writing nothing, when the SSRF guard refuses the site', async () => {
    const source = await createCrawlSource(bed.ctx, {
      workspaceId: ws.workspaceId,
      input: { name: 'intranet', startUrl: site.url },
      createdBy: ws.editor.id,
      utcOffsetMinutes: CST,
    });
    const strict = createHttpFetcher({ policy: { allow: [] }, userAgent: USER_AGENT });
    const run = await crawlNow(source.id, strict);
    expect(run).toMatchObject({ status: 'failed' });
    expect(run?.error).toMatch(/^blocked_address/);
    expect(await listArticles(bed.ctx.db, ws.workspaceId)).toHaveLength(0);
  });

  it('refuses a second run while one is queued', async () => {
    const source = await createCrawlSource(bed.ctx, {
      workspaceId: ws.workspaceId,
      input: { name: 's', startUrl: site.url },
      createdBy: null,
      utcOffsetMinutes: CST,
    });
    await startCrawlRun(bed.ctx, jobs, { workspaceId: ws.workspaceId, sourceId: source.id, trigger: 'manual' });
    await expect(
      startCrawlRun(bed.ctx, jobs, { workspaceId: ws.workspaceId, sourceId: source.id, trigger: 'manual' }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('queues each scheduled slot once, however many cron instances look', async () => {
    const source = await createCrawlSource(bed.ctx, {
      workspaceId: ws.workspaceId,
      input: { name: '每日同步', startUrl: site.url, schedule: '0 3 * * *' },
      createdBy: null,
      utcOffsetMinutes: CST,
    });
    // 03:00 China Standard Time is 19:00 UTC; the bed's clock starts at 02:00 UTC.
    expect(source.nextRunAt).toBe(Date.UTC(2026, 10, 26, 19, 0));
    expect(await enqueueDueCrawls(bed.ctx, jobs, CST)).toBe(0);
    bed.clock.set(Date.UTC(2026, 10, 26, 19, 0, 5));
    const counts = await Promise.all([enqueueDueCrawls(bed.ctx, jobs, CST), enqueueDueCrawls(bed.ctx, jobs, CST)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const runs = await listRuns(bed.ctx.db, ws.workspaceId, source.id);
    expect(runs.map((r) => r.trigger)).toEqual(['schedule']);
    const queued = await bed.ctx.db
      .selectFrom('jobs')
      .select(['name', 'job_key'])
      .where('name', '=', CRAWL_JOB)
      .execute();
    expect(queued).toEqual([
      { name: CRAWL_JOB, job_key: `${CRAWL_JOB}:${source.id}:${Date.UTC(2026, 10, 26, 19, 0)}` },
    ]);
    expect((await findSource(bed.ctx.db, ws.workspaceId, source.id))?.nextRunAt).toBe(Date.UTC(2026, 10, 27, 19, 0));
  });
});
