import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.ts';
import type { App } from '../src/http/types.ts';
import { queueSuggestions } from '../src/knowledge/acquisition/commands/suggestions.ts';
import { createHttpFetcher } from '../src/knowledge/acquisition/crawl/fetch-page.ts';
import { startTestSite, type TestSite } from '../src/knowledge/acquisition/crawl/testing/test-site.ts';
import { recordKnowledgeGap } from '../src/knowledge/acquisition/gaps/record-knowledge-gap.ts';
import { loadAcquisitionSettings } from '../src/knowledge/acquisition/settings.ts';
import { createInfrastructure, type Infrastructure } from '../src/platform/infrastructure.ts';
import type { Role } from '../src/security/roles.ts';
import { registerKnowledgeAcquisitionWorkers } from '../src/workers/knowledge-acquisition.ts';
import { testEngines } from './support/engines.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './support/test-app.ts';

const MB = 1024 * 1024;
const CSV =
  '问题,相似问题,答案,分类\n如何申请退款？,怎么退款,在订单页申请。,售后/退款\n发票怎么开,,下单时勾选。,财务\n';
const BAD_CSV = `${CSV},缺问题,有答案,\n运费多少,,,\n`;

function multipart(fileName: string, content: Buffer | string, contentType = 'text/csv') {
  const boundary = '----lingxi-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Streams a multipart upload of `size` bytes with chunked encoding, stopping as soon as the server answers. */
async function streamUpload(
  app: App,
  who: SignedIn,
  size: number,
): Promise<{ sent: number; status: number; body: string }> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const body = multipart('huge.csv', '');
  const head = body.payload.subarray(0, body.payload.indexOf('\r\n--', 10));
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/kb/imports',
        headers: { ...who.headers, ...body.headers },
      },
      (response) => {
        answered = true;
        let text = '';
        response.on('data', (d: Buffer) => {
          text += d.toString();
        });
        response.on('end', () => {
          request.destroy();
          resolve({ sent, status: response.statusCode ?? 0, body: text });
        });
      },
    );
    request.on('error', (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 0x42);
    const pump = () => {
      while (!answered && sent < size) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    request.write(head);
    pump();
  });
}

/** The real app with the local infrastructure (job queue, cache, scheduler) and the acquisition workers running. */
describe.each(testEngines())('knowledge acquisition over HTTP on %s', (engine) => {
  let t: TestApp;
  let app: App;
  let infrastructure: Infrastructure;
  let site: TestSite;
  const as = {} as Record<Role, SignedIn>;
  let other: SignedIn;
  const ws = () => t.workspaces[0];

  beforeAll(async () => {
    // The routes read their limits from the environment, as a deployment would.
    process.env.LINGXI_KB_IMPORT_MAX_BYTES = String(2 * MB);
    t = await createTestApp(engine);
    site = await startTestSite({ pages: 12 });
    infrastructure = await createInfrastructure({
      db: t.ctx.db,
      clock: t.clock,
      logger: t.ctx.logger,
      jobs: { pollIntervalMs: 20 },
    });
    const settings = loadAcquisitionSettings({}, { importMaxBytes: 2 * MB });
    // The local test site is on 127.0.0.1: loopback is allowed explicitly, as an installation's configuration would.
    registerKnowledgeAcquisitionWorkers(t.ctx, infrastructure, {
      settings,
      fetcher: createHttpFetcher({ policy: { allow: ['loopback'] }, userAgent: settings.crawlUserAgent }),
    });
    await infrastructure.jobs.start();
    app = (await buildApp({ ctx: t.ctx, config: t.config, infrastructure })).app;
    for (const role of ['admin', 'supervisor', 'agent', 'kb_editor', 'kb_reviewer', 'auditor'] as Role[])
      as[role] = await signIn(app, ws().users[role].email);
    other = await signIn(app, t.workspaces[1].users.kb_editor.email);
  });
  afterAll(async () => {
    delete process.env.LINGXI_KB_IMPORT_MAX_BYTES;
    await app.close();
    await infrastructure.close();
    await site.close();
    await t.close();
  });

  const call = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const upload = (who: SignedIn, fileName: string, content: Buffer | string, query = '') => {
    const body = multipart(fileName, content);
    return app.inject({
      method: 'POST',
      url: `/api/v1/kb/imports${query}`,
      headers: { ...who.headers, ...body.headers },
      payload: body.payload,
    });
  };
  const until = async (url: string, done: (body: { status: string }) => boolean) => {
    for (let i = 0; i < 300; i++) {
      const body = (await call(as.kb_editor, 'GET', url)).json();
      if (done(body)) return body;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`timed out waiting on ${url}`);
  };

  it('imports a GBK CSV as drafts through a job, with progress', async () => {
    const response = await upload(as.kb_editor, '常见问题.csv', iconv.encode(CSV, 'gbk'));
    expect(response.statusCode).toBe(202);
    const created = response.json();
    expect(created).toMatchObject({ status: 'queued', format: 'csv', progress: 0 });
    const done = await until(
      `/api/v1/kb/imports/${created.id}`,
      (b) => b.status !== 'queued' && b.status !== 'running',
    );
    expect(done).toMatchObject({ status: 'succeeded', progress: 100, importedCount: 2, encoding: 'gb18030' });
    const article = await call(as.kb_editor, 'GET', `/api/v1/kb/articles/${done.articleIds[0]}`);
    expect(article.json()).toMatchObject({ status: 'draft', title: '如何申请退款？' });
    const list = await call(as.kb_reviewer, 'GET', '/api/v1/kb/imports');
    expect(list.json().imports.map((i: { id: string }) => i.id)).toContain(created.id);
  });

  it('reports bad rows by line and imports nothing, or the good rows when asked', async () => {
    const strict = (await upload(as.kb_editor, 'faq.csv', BAD_CSV)).json();
    const failed = await until(
      `/api/v1/kb/imports/${strict.id}`,
      (b) => b.status === 'failed' || b.status === 'succeeded',
    );
    expect(failed).toMatchObject({ status: 'failed', importedCount: 0, problemCount: 2 });
    const problems = (await call(as.kb_editor, 'GET', `/api/v1/kb/imports/${strict.id}/problems`)).json();
    expect(problems.problems.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([
      [4, 'missing_question'],
      [5, 'missing_answer'],
    ]);
    expect(problems.problems[0].messageZh).toBe('问题为空');
    const lenient = (await upload(as.kb_editor, 'faq.csv', BAD_CSV, '?skipBadRows=true')).json();
    expect(
      await until(`/api/v1/kb/imports/${lenient.id}`, (b) => b.status === 'succeeded' || b.status === 'failed'),
    ).toMatchObject({
      status: 'succeeded',
      importedCount: 2,
      problemCount: 2,
    });
  });

  it('refuses a 50 MB upload with 413 before reading it, whether its length is declared or streamed', async () => {
    const big = multipart('huge.csv', Buffer.alloc(50 * MB, 0x41));
    const declared = await app.inject({
      method: 'POST',
      url: '/api/v1/kb/imports',
      headers: { ...as.kb_editor.headers, ...big.headers },
      payload: big.payload,
    });
    expect(declared.statusCode).toBe(413);
    expect(declared.json().error.code).toBe('payload_too_large');

    // Chunked over a real socket, without a length: refused once the limit is crossed, long before 50 MB are sent.
    const { sent, status, body } = await streamUpload(app, as.kb_editor, 50 * MB);
    expect(status).toBe(413);
    expect(JSON.parse(body).error.code).toBe('payload_too_large');
    expect(sent).toBeLessThan(10 * MB);
  });

  it('refuses a JSON body, an unknown format and a wrong role', async () => {
    expect((await call(as.kb_editor, 'POST', '/api/v1/kb/imports', { rows: [] })).statusCode).toBe(415);
    const exe = await upload(as.kb_editor, 'setup.exe', 'MZ\x90\x00');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('unsupported_media_type');
    expect((await upload(as.agent, 'faq.csv', CSV)).statusCode).toBe(403);
    expect((await upload(as.kb_reviewer, 'faq.csv', CSV)).statusCode).toBe(403);
  });

  it('crawls a source on demand and shows its status, last run and progress', async () => {
    const created = await call(as.kb_editor, 'POST', '/api/v1/kb/crawl-sources', {
      name: '帮助中心',
      startUrl: site.url,
      maxDepth: 3,
      maxPages: 50,
      schedule: '0 3 * * *',
    });
    expect(created.statusCode).toBe(201);
    const source = created.json();
    expect(source).toMatchObject({ status: 'idle', lastRun: null, schedule: '0 3 * * *' });
    expect(source.nextRunAt).toBeGreaterThan(t.clock.now());
    const run = await call(as.kb_editor, 'POST', `/api/v1/kb/crawl-sources/${source.id}/runs`);
    expect(run.statusCode).toBe(202);
    const again = await call(as.kb_editor, 'POST', `/api/v1/kb/crawl-sources/${source.id}/runs`);
    expect([202, 409]).toContain(again.statusCode);
    const finished = await until(
      `/api/v1/kb/crawl-runs/${run.json().id}`,
      (b) => b.status === 'succeeded' || b.status === 'failed',
    );
    expect(finished).toMatchObject({ status: 'succeeded', progress: 100 });
    expect((finished as unknown as { pagesNew: number }).pagesNew).toBeGreaterThanOrEqual(12);
    const listed = (await call(as.kb_reviewer, 'GET', '/api/v1/kb/crawl-sources')).json().sources;
    expect(listed[0]).toMatchObject({
      id: source.id,
      status: 'idle',
      lastRunStatus: 'succeeded',
      lastRun: { progress: 100 },
    });
    const detail = (await call(as.kb_editor, 'GET', `/api/v1/kb/crawl-sources/${source.id}`)).json();
    expect(detail.runs.length).toBeGreaterThanOrEqual(1);
    const patched = await call(as.kb_editor, 'PATCH', `/api/v1/kb/crawl-sources/${source.id}`, { enabled: false });
    expect(patched.json()).toMatchObject({ enabled: false, nextRunAt: null });
    expect(
      (await call(as.kb_editor, 'POST', '/api/v1/kb/crawl-sources', { name: 'x', startUrl: 'ftp://example.com/' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await call(as.kb_editor, 'POST', '/api/v1/kb/crawl-sources', {
          name: 'x',
          startUrl: 'https://a.example/',
          sitemapUrl: 'https://b.example/sitemap.xml',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('lists suggestions and accepts one as a draft, rejects another', async () => {
    await queueSuggestions(t.ctx, ws().id, [
      {
        question: '怎么申请退款',
        alternates: ['退款怎么弄'],
        answer: '在订单详情页申请。',
        language: 'zh',
        frequency: 3,
        conversationIds: ['conv_a', 'conv_b', 'conv_c'],
      },
      {
        question: '能开专票吗',
        alternates: [],
        answer: '可以，请联系客服。',
        language: 'zh',
        frequency: 2,
        conversationIds: ['conv_d', 'conv_e'],
      },
    ]);
    const queue = (await call(as.supervisor, 'GET', '/api/v1/kb/suggestions')).json().suggestions;
    expect(queue.map((s: { question: string; frequency: number }) => [s.question, s.frequency])).toEqual([
      ['怎么申请退款', 3],
      ['能开专票吗', 2],
    ]);
    expect(queue[0].conversationIds).toEqual(['conv_a', 'conv_b', 'conv_c']);
    const accepted = await call(as.kb_editor, 'POST', `/api/v1/kb/suggestions/${queue[0].id}/accept`, {
      answer: '<p>在订单详情页点击<b>申请退款</b>。</p>',
    });
    expect(accepted.statusCode).toBe(201);
    const draft = (await call(as.kb_editor, 'GET', `/api/v1/kb/articles/${accepted.json().articleId}`)).json();
    expect(draft).toMatchObject({ status: 'draft', title: '怎么申请退款' });
    expect((await call(as.kb_editor, 'POST', `/api/v1/kb/suggestions/${queue[1].id}/reject`)).json().status).toBe(
      'rejected',
    );
    expect((await call(as.kb_editor, 'POST', `/api/v1/kb/suggestions/${queue[1].id}/accept`, {})).statusCode).toBe(409);
  });

  it('lists knowledge gaps with counts, examples and a trend', async () => {
    for (const q of ['可以用花呗分期吗', '花呗分期可以吗', '支持花呗分期吗']) {
      await recordKnowledgeGap(t.ctx, { workspaceId: ws().id, question: q, conversationId: null, confidence: 0.2 });
    }
    const gaps = (await call(as.supervisor, 'GET', '/api/v1/kb/gaps?days=7')).json().gaps;
    expect(gaps[0]).toMatchObject({ question: '可以用花呗分期吗', count: 3, unansweredCount: 0 });
    expect(gaps[0].trend).toHaveLength(7);
    expect(gaps[0].trend.at(-1)).toBe(3);
    expect(gaps[0].examples).toHaveLength(3);
    const dismissed = await call(as.kb_reviewer, 'POST', `/api/v1/kb/gaps/${gaps[0].id}/status`, {
      status: 'dismissed',
    });
    expect(dismissed.json().status).toBe('dismissed');
    expect((await call(as.supervisor, 'GET', '/api/v1/kb/gaps')).json().gaps).toEqual([]);
  });

  it('refuses the wrong role on every route', async () => {
    const refused: [Role, 'GET' | 'POST' | 'PATCH' | 'DELETE', string][] = [
      ['agent', 'GET', '/api/v1/kb/imports'],
      ['auditor', 'GET', `/api/v1/kb/imports/kbi_${'0'.repeat(26)}`],
      ['supervisor', 'GET', `/api/v1/kb/imports/kbi_${'0'.repeat(26)}/problems`],
      ['agent', 'GET', '/api/v1/kb/crawl-sources'],
      ['kb_reviewer', 'POST', '/api/v1/kb/crawl-sources'],
      ['auditor', 'GET', `/api/v1/kb/crawl-sources/kbs_${'0'.repeat(26)}`],
      ['kb_reviewer', 'PATCH', `/api/v1/kb/crawl-sources/kbs_${'0'.repeat(26)}`],
      ['supervisor', 'DELETE', `/api/v1/kb/crawl-sources/kbs_${'0'.repeat(26)}`],
      ['agent', 'POST', `/api/v1/kb/crawl-sources/kbs_${'0'.repeat(26)}/runs`],
      ['agent', 'GET', `/api/v1/kb/crawl-runs/kbr_${'0'.repeat(26)}`],
      ['agent', 'GET', '/api/v1/kb/suggestions'],
      ['kb_reviewer', 'POST', `/api/v1/kb/suggestions/kbsg_${'0'.repeat(26)}/accept`],
      ['supervisor', 'POST', `/api/v1/kb/suggestions/kbsg_${'0'.repeat(26)}/reject`],
      ['agent', 'GET', '/api/v1/kb/gaps'],
      ['supervisor', 'POST', `/api/v1/kb/gaps/kbgap_${'0'.repeat(26)}/status`],
    ];
    for (const [role, method, url] of refused) {
      const response = await call(as[role], method, url, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect([response.statusCode, method, url, role]).toEqual([403, method, url, role]);
    }
  });

  it("answers 404 for another workspace's ids on every route", async () => {
    const imp = (await upload(as.kb_editor, 'faq.csv', CSV)).json();
    const source = (
      await call(as.kb_editor, 'POST', '/api/v1/kb/crawl-sources', { name: '站点', startUrl: site.url })
    ).json();
    const run = (await call(as.kb_editor, 'POST', `/api/v1/kb/crawl-sources/${source.id}/runs`)).json();
    await queueSuggestions(t.ctx, ws().id, [
      {
        question: '积分怎么用',
        alternates: [],
        answer: '下单时抵扣。',
        language: 'zh',
        frequency: 2,
        conversationIds: ['conv_x', 'conv_y'],
      },
    ]);
    const suggestion = (await call(as.kb_editor, 'GET', '/api/v1/kb/suggestions'))
      .json()
      .suggestions.find((s: { question: string }) => s.question === '积分怎么用');
    const gapId = await recordKnowledgeGap(t.ctx, {
      workspaceId: ws().id,
      question: '你们有实体店吗',
      conversationId: null,
      confidence: null,
    });
    const foreign: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['GET', `/api/v1/kb/imports/${imp.id}`],
      ['GET', `/api/v1/kb/imports/${imp.id}/problems`],
      ['GET', `/api/v1/kb/crawl-sources/${source.id}`],
      ['PATCH', `/api/v1/kb/crawl-sources/${source.id}`, { name: '改名' }],
      ['DELETE', `/api/v1/kb/crawl-sources/${source.id}`],
      ['POST', `/api/v1/kb/crawl-sources/${source.id}/runs`],
      ['GET', `/api/v1/kb/crawl-runs/${run.id}`],
      ['POST', `/api/v1/kb/suggestions/${suggestion.id}/accept`, {}],
      ['POST', `/api/v1/kb/suggestions/${suggestion.id}/reject`],
      ['POST', `/api/v1/kb/gaps/${gapId}/status`, { status: 'dismissed' }],
    ];
    for (const [method, url, payload] of foreign) {
      const response = await call(other, method, url, payload);
      expect([response.statusCode, method, url]).toEqual([404, method, url]);
    }
    expect((await call(other, 'GET', '/api/v1/kb/imports')).json().imports).toEqual([]);
    expect((await call(other, 'GET', '/api/v1/kb/crawl-sources')).json().sources).toEqual([]);
    await until(`/api/v1/kb/crawl-runs/${run.id}`, (b) => b.status === 'succeeded' || b.status === 'failed');
  });
});
