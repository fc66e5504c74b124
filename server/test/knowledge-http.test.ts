import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../src/http/app.ts';
import { policyFor } from '../src/http/policies.ts';
import { ROLES, type Role } from '../src/security/roles.ts';
import { testEngines } from './support/engines.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './support/test-app.ts';

const FAQ = {
  language: 'zh',
  title: '退款多久能到账？',
  alternates: ['钱什么时候退回来', '退款几天到账'],
  answer: '<p>审核通过后 <b>1-3 个工作日</b>原路退回。</p>',
  tags: ['退款'],
};

describe.each(testEngines())('knowledge base over HTTP on %s', (engine) => {
  let t: TestApp;
  const as = {} as Record<Role, SignedIn>;
  let other: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(engine);
    for (const role of ROLES) as[role] = await signIn(t.app, t.workspaces[0].users[role].email);
    other = await signIn(t.app, t.workspaces[1].users.kb_editor.email);
  });
  afterAll(async () => {
    await t.close();
  });

  const call = (who: SignedIn | null, method: string, url: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: who?.headers ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  async function publishedFaq(input: Record<string, unknown> = FAQ) {
    const created = await call(as.kb_editor, 'POST', '/api/v1/kb/articles', input);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await call(as.kb_editor, 'POST', `/api/v1/kb/articles/${id}/submit`, { version: 1 })).statusCode).toBe(200);
    const published = await call(as.kb_reviewer, 'POST', `/api/v1/kb/articles/${id}/publish`, { version: 1 });
    expect(published.statusCode, published.body).toBe(200);
    return id;
  }

  it('editor drafts, a different reviewer publishes, the hit test finds it at once for a paraphrase', async () => {
    const created = await call(as.kb_editor, 'POST', '/api/v1/kb/articles', {
      ...FAQ,
      title: '发票可以开增值税专用发票吗？',
      alternates: ['能开专票吗'],
      answer: '<p>可以，在订单页选择“增值税专用发票”并填写税号。</p>',
      tags: ['发票'],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const before = await call(as.agent, 'POST', '/api/v1/kb/hit-test', { query: '我想开一张专用发票' });
    expect(before.json().hits.map((h: { articleId: string }) => h.articleId)).not.toContain(id);
    await call(as.kb_editor, 'POST', `/api/v1/kb/articles/${id}/submit`, { version: 1 });
    const queue = await call(as.kb_reviewer, 'GET', '/api/v1/kb/review-queue');
    expect(queue.json().articles.map((a: { id: string }) => a.id)).toContain(id);
    const published = await call(as.kb_reviewer, 'POST', `/api/v1/kb/articles/${id}/publish`, { version: 1 });
    expect(published.json()).toMatchObject({ status: 'published', liveVersion: 1 });
    const hit = await call(as.agent, 'POST', '/api/v1/kb/hit-test', { query: '我想开一张专用发票' });
    expect(hit.statusCode).toBe(200);
    const top = hit.json().hits[0];
    expect(top.articleId).toBe(id);
    expect(top.confidence).toBeGreaterThan(0);
    expect(top.matched.length).toBeGreaterThan(0);
    const audit = await call(as.auditor, 'GET', `/api/v1/audit?action=kb.article.published&targetId=${id}`);
    expect(audit.statusCode).toBe(200);
    expect(JSON.stringify(audit.json())).toContain(t.workspaces[0].users.kb_reviewer.id);
  });

  it('refuses the author as reviewer (admins included) with reviewer_is_author', async () => {
    const created = await call(as.admin, 'POST', '/api/v1/kb/articles', { ...FAQ, title: '管理员自己写的问题' });
    const id = created.json().id as string;
    await call(as.admin, 'POST', `/api/v1/kb/articles/${id}/submit`, { version: 1 });
    const own = await call(as.admin, 'POST', `/api/v1/kb/articles/${id}/publish`, { version: 1 });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.details).toEqual({ reason: 'reviewer_is_author' });
    const skip = await call(as.kb_reviewer, 'POST', `/api/v1/kb/articles/${id}/archive`, { version: 1 });
    expect(skip.statusCode).toBe(200);
  });

  it('refuses every role a knowledge route’s policy does not name, and anonymous callers', async () => {
    const routes = listRoutes(t.app).filter((r) => r.url.startsWith('/api/v1/kb'));
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const id = `kba_${'0'.repeat(26)}`;
    const failures: string[] = [];
    for (const route of routes) {
      const policy = policyFor(route.policy as string);
      const url = route.url
        .replace(':articleId', id)
        .replace(':categoryId', `kbc_${'0'.repeat(26)}`)
        .replace(':version', '1');
      const payload = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
      for (const role of ROLES) {
        if (policy?.roles?.includes(role)) continue;
        const response = await call(as[role], route.method, url, payload);
        if (response.statusCode !== 403) failures.push(`${role} ${route.method} ${url} → ${response.statusCode}`);
      }
      const anonymous = await call(null, route.method, url, payload);
      if (anonymous.statusCode !== 401) failures.push(`anonymous ${route.method} ${url} → ${anonymous.statusCode}`);
    }
    expect(failures).toEqual([]);
    // Spot checks of the intent, not only of the table.
    expect((await call(as.auditor, 'POST', '/api/v1/kb/hit-test', { query: '退款' })).statusCode).toBe(403);
    expect((await call(as.agent, 'GET', '/api/v1/kb/articles')).statusCode).toBe(403);
    expect((await call(as.kb_reviewer, 'POST', '/api/v1/kb/articles', FAQ)).statusCode).toBe(403);
    expect((await call(as.kb_editor, 'POST', `/api/v1/kb/articles/${id}/publish`, { version: 1 })).statusCode).toBe(
      403,
    );
  });

  it('does not resolve another workspace’s articles, versions or categories (404), nor search them', async () => {
    const id = await publishedFaq({ ...FAQ, title: '只属于 A 店的问题：会员积分怎么兑换？', alternates: [] });
    const category = await call(as.kb_editor, 'POST', '/api/v1/kb/categories', { name: '会员' });
    const categoryId = category.json().id as string;
    const attempts = [
      call(other, 'GET', `/api/v1/kb/articles/${id}`),
      call(other, 'PATCH', `/api/v1/kb/articles/${id}`, { expectedVersion: 1, title: '偷改' }),
      call(other, 'POST', `/api/v1/kb/articles/${id}/submit`, { version: 1 }),
      call(other, 'GET', `/api/v1/kb/articles/${id}/versions`),
      call(other, 'GET', `/api/v1/kb/articles/${id}/versions/1`),
      call(other, 'GET', `/api/v1/kb/articles/${id}/comments`),
      call(other, 'POST', `/api/v1/kb/articles/${id}/comments`, { body: '你好' }),
      call(other, 'POST', `/api/v1/kb/articles/${id}/rollback`, { toVersion: 1, expectedVersion: 1 }),
      call(other, 'GET', `/api/v1/kb/published/${id}`),
      call(other, 'PATCH', `/api/v1/kb/categories/${categoryId}`, { name: '偷改' }),
      call(other, 'POST', '/api/v1/kb/articles', { ...FAQ, categoryId }),
      call(other, 'POST', '/api/v1/kb/articles', { ...FAQ, language: 'en', variantOf: id }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.body).toBe(404);
    }
    const theirs = await t.app.inject({
      method: 'POST',
      url: '/api/v1/kb/hit-test',
      headers: (await signIn(t.app, t.workspaces[1].users.agent.email)).headers,
      payload: { query: '会员积分怎么兑换' },
    });
    expect(theirs.json().hits).toEqual([]);
  });

  it('refuses bad input with a named 4xx code: unknown fields, oversize, lone surrogates, bad ids', async () => {
    const post = (payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/kb/articles',
        headers: { ...as.kb_editor.headers, 'content-type': 'application/json' },
        payload,
      });
    const unknown = await post(JSON.stringify({ ...FAQ, colour: 'red' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unknown_field');
    const surrogate = await post(JSON.stringify(FAQ).replace('退款多久能到账', '\\ud800退款'));
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().error.code).toBe('invalid_text');
    const longTitle = await post(JSON.stringify({ ...FAQ, title: '退'.repeat(301) }));
    expect(longTitle.statusCode).toBe(400);
    const tooBig = await post(JSON.stringify({ ...FAQ, kind: 'document', body: '长'.repeat(1_500_000) }));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('payload_too_large');
    const longBody = await post(JSON.stringify({ ...FAQ, kind: 'document', body: 'a'.repeat(500_001) }));
    expect(longBody.statusCode).toBe(400);
    const badId = await call(as.kb_editor, 'GET', '/api/v1/kb/articles/kba_1%27%20or%201=1');
    expect(badId.statusCode).toBe(400);
    const badQuery = await call(as.agent, 'POST', '/api/v1/kb/hit-test', { query: '', filters: { evil: 1 } });
    expect(badQuery.statusCode).toBe(400);
    const list = await call(as.kb_editor, 'GET', '/api/v1/kb/articles?q=colour');
    expect(list.json().articles).toEqual([]);
  });

  it('gives the second of two editors saving at once a 409 conflict, and loses nothing', async () => {
    const created = await call(as.kb_editor, 'POST', '/api/v1/kb/articles', { ...FAQ, title: '运费谁来出？' });
    const id = created.json().id as string;
    const second = await signIn(t.app, t.workspaces[0].users.admin.email);
    const [a, b] = await Promise.all([
      call(as.kb_editor, 'PATCH', `/api/v1/kb/articles/${id}`, { expectedVersion: 1, answer: '<p>甲：卖家承担</p>' }),
      call(second, 'PATCH', `/api/v1/kb/articles/${id}`, { expectedVersion: 1, answer: '<p>乙：买家承担</p>' }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const winner = a.statusCode === 200 ? a : b;
    expect(loser.json().error).toMatchObject({ code: 'conflict', details: { currentVersion: 2, expectedVersion: 1 } });
    const versions = await call(as.kb_editor, 'GET', `/api/v1/kb/articles/${id}/versions`);
    expect(versions.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v2 = await call(as.kb_editor, 'GET', `/api/v1/kb/articles/${id}/versions/2`);
    expect(v2.json().answer).toBe(winner.json().answer);
    const retry = await call(loser === a ? as.kb_editor : second, 'PATCH', `/api/v1/kb/articles/${id}`, {
      expectedVersion: 2,
      answer: '<p>合并后：质量问题卖家承担，其他买家承担</p>',
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ version: 3, changed: true });
  });

  it('sanitizes answers against an XSS payload list', async () => {
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">点我</a>',
      '<a href="JaVaScRiPt:alert(1)">x</a>',
      '<a href="&#106;avascript:alert(1)">x</a>',
      '<svg onload=alert(1)><circle r=1 /></svg>',
      '<svg><script>alert(1)</script></svg>',
      '<p style="background:url(javascript:alert(1))">x</p>',
      '<div style="width: expression(alert(1))">x</div>',
      '<iframe src="https://evil.example"></iframe>',
      '<body onload=alert(1)>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
      '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
      '<form action="https://evil.example"><input name=x></form>',
      '<object data="javascript:alert(1)"></object>',
      '"><script>alert(1)</script>',
      '<details open ontoggle=alert(1)>',
      '<a href="vbscript:msgbox(1)">x</a>',
    ];
    for (const [i, payload] of payloads.entries()) {
      const created = await call(as.kb_editor, 'POST', '/api/v1/kb/articles', {
        language: 'en',
        title: `XSS probe ${i}`,
        answer: `<p>Safe text ${i}</p>${payload}`,
      });
      expect(created.statusCode, payload).toBe(201);
      const answer = created.json().answer as string;
      expect(answer, payload).toContain(`Safe text ${i}`);
      expect(answer, payload).not.toMatch(
        /<script|<svg|<iframe|<object|<form|<math|<style|\son\w+=|javascript:|vbscript:|expression\(|style=|data:/i,
      );
    }
    const link = await call(as.kb_editor, 'POST', '/api/v1/kb/articles', {
      language: 'en',
      title: 'Safe link',
      answer: '<a href="https://shop.example/help">help</a>',
    });
    expect(link.json().answer).toBe(
      '<a href="https://shop.example/help" rel="noopener noreferrer nofollow" target="_blank">help</a>',
    );
  });

  it('keeps the history: versions, diff, comments, rollback that goes live', async () => {
    const id = await publishedFaq({ ...FAQ, title: '保修期多长？', answer: '<p>整机保修一年。</p>', tags: ['保修'] });
    const edit = await call(as.kb_editor, 'PATCH', `/api/v1/kb/articles/${id}`, {
      expectedVersion: 1,
      answer: '<p>整机保修两年。</p>',
      note: '政策更新',
    });
    expect(edit.json()).toMatchObject({ version: 2, status: 'draft', liveVersion: 1 });
    const diff = await call(as.kb_reviewer, 'GET', `/api/v1/kb/articles/${id}/diff?from=1&to=2`);
    expect(diff.json().changes.map((c: { field: string }) => c.field)).toEqual(['answer']);
    expect(diff.json().lines.answer).toEqual([
      { op: 'removed', text: '<p>整机保修一年。</p>' },
      { op: 'added', text: '<p>整机保修两年。</p>' },
    ]);
    const comment = await call(as.kb_reviewer, 'POST', `/api/v1/kb/articles/${id}/comments`, {
      body: '两年是否含电池？',
    });
    expect(comment.statusCode).toBe(201);
    await call(as.kb_editor, 'POST', `/api/v1/kb/articles/${id}/submit`, { version: 2 });
    const rejected = await call(as.kb_reviewer, 'POST', `/api/v1/kb/articles/${id}/reject`, { version: 2 });
    expect(rejected.statusCode).toBe(400);
    const reject = await call(as.kb_reviewer, 'POST', `/api/v1/kb/articles/${id}/reject`, {
      version: 2,
      note: '请确认电池保修',
    });
    expect(reject.json()).toMatchObject({ status: 'draft', liveVersion: 1 });
    const rollback = await call(as.kb_reviewer, 'POST', `/api/v1/kb/articles/${id}/rollback`, {
      toVersion: 1,
      expectedVersion: 2,
    });
    expect(rollback.json()).toMatchObject({ live: true, version: 3, liveVersion: 3, status: 'published' });
    const history = await call(as.kb_editor, 'GET', `/api/v1/kb/articles/${id}/history`);
    expect(history.json().events.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'submit',
      'publish',
      'edited',
      'submit',
      'reject',
      'rollback',
    ]);
    const comments = await call(as.kb_editor, 'GET', `/api/v1/kb/articles/${id}/comments`);
    expect(comments.json().comments[0]).toMatchObject({ body: '两年是否含电池？', version: 2 });
    const live = await call(as.agent, 'GET', `/api/v1/kb/published/${id}`);
    expect(live.json()).toMatchObject({ version: 3, answerText: '整机保修一年。' });
  });

  it('builds, orders and moves a category tree; refuses cycles and deleting a category in use', async () => {
    const make = async (body: object) => (await call(as.kb_editor, 'POST', '/api/v1/kb/categories', body)).json();
    const root = await make({ name: '售后', nameEn: 'After-sales' });
    const returns = await make({ name: '退货退款', nameEn: 'Returns', parentId: root.id });
    const deep = await make({ name: '七天无理由', parentId: returns.id });
    const cycle = await call(as.kb_editor, 'PATCH', `/api/v1/kb/categories/${root.id}`, { parentId: deep.id });
    expect(cycle.statusCode).toBe(409);
    const moved = await call(as.kb_editor, 'PATCH', `/api/v1/kb/categories/${deep.id}`, {
      parentId: root.id,
      position: 0,
    });
    expect(moved.json()).toMatchObject({ parentId: root.id, position: 0 });
    const tree = (await call(as.agent, 'GET', '/api/v1/kb/categories')).json().categories as {
      id: string;
      position: number;
    }[];
    expect(tree.find((c) => c.id === returns.id)?.position).toBe(1);
    await call(as.kb_editor, 'POST', '/api/v1/kb/articles', {
      ...FAQ,
      title: '七天无理由怎么退？',
      categoryId: deep.id,
    });
    const inUse = await call(as.kb_editor, 'DELETE', `/api/v1/kb/categories/${deep.id}`);
    expect(inUse.statusCode).toBe(409);
    const listed = await call(as.kb_editor, 'GET', `/api/v1/kb/articles?categoryId=${root.id}`);
    expect(listed.json().articles.map((a: { title: string }) => a.title)).toEqual(['七天无理由怎么退？']);
    expect((await call(as.kb_editor, 'DELETE', `/api/v1/kb/categories/${returns.id}`)).statusCode).toBe(204);
  });

  it('applies synonym sets and feedback to retrieval', async () => {
    const id = await publishedFaq({ ...FAQ, title: '返款什么时候到？', alternates: [], tags: [] });
    const put = await call(as.kb_reviewer, 'PUT', '/api/v1/kb/synonyms', { sets: [['返款', '退钱', '退款']] });
    expect(put.statusCode).toBe(200);
    expect((await call(as.kb_editor, 'GET', '/api/v1/kb/synonyms')).json().sets[0].terms).toEqual([
      '返款',
      '退钱',
      '退款',
    ]);
    const hits = (await call(as.agent, 'POST', '/api/v1/kb/hit-test', { query: '退钱什么时候到' })).json().hits;
    expect(hits.map((h: { articleId: string }) => h.articleId)).toContain(id);
    const feedback = await call(as.agent, 'POST', '/api/v1/kb/feedback', {
      query: '退钱什么时候到',
      docId: id,
      resolved: true,
    });
    expect(feedback.statusCode).toBe(204);
    const unknown = await call(as.agent, 'POST', '/api/v1/kb/feedback', {
      query: '随便',
      docId: `kba_${'0'.repeat(26)}`,
      resolved: true,
    });
    expect(unknown.statusCode).toBe(404);
  });
});
