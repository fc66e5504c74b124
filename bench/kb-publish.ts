// Knowledge base end to end: publish → searchable through the real commands (database commit, audit entry, index
// refresh) on a workspace already holding N published articles, and the registry's lazy build from the database.
// Run: npx tsx bench/kb-publish.ts   (KB_PUBLISH_ARTICLES=100000 by default; prints a table, then JSON last)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import { createArticle } from '../server/src/knowledge/commands/create-article.ts';
import { reviewArticle } from '../server/src/knowledge/commands/review-article.ts';
import { knowledgeIndex } from '../server/src/knowledge/index-registry.ts';
import { contentOf } from '../server/src/knowledge/rows.ts';
import { searchKnowledge } from '../server/src/knowledge/search-knowledge.ts';
import type { ArticleTable, ArticleVersionTable } from '../server/src/knowledge/store.ts';
import { LocalBus } from '../server/src/platform/bus/local-bus.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import type { ServiceContext } from '../server/src/platform/context.ts';
import { openDatabase } from '../server/src/platform/db/database.ts';
import { toJson } from '../server/src/platform/db/dialect.ts';
import { migrateToLatest } from '../server/src/platform/db/migrate.ts';
import { newId } from '../server/src/platform/ids.ts';
import { createLogger } from '../server/src/platform/logger.ts';
import { createWorkspace } from '../server/src/security/commands/create-workspace.ts';

const ARTICLES = Number(process.env.KB_PUBLISH_ARTICLES ?? 100_000);
const PUBLISHES = 20;

const PRODUCTS = '手机 耳机 平板 电脑 手表 相机 音箱 路由器 充电器 空调 冰箱 洗衣机 电视 热水器 扫地机 净水器'.split(
  ' ',
);
const ACTIONS = '退款 退货 换货 开发票 修改地址 取消订单 查询物流 申请保修 预约安装 续费'.split(' ');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const dir = mkdtempSync(join(tmpdir(), 'lingxi-kb-publish-'));
const database = await openDatabase({ url: join(dir, 'bench.db') });
await migrateToLatest(database.db);
const logger = createLogger({ level: 'silent' });
const bus = new LocalBus({ logger });
const ctx: ServiceContext = {
  db: database.db,
  engine: database.engine,
  clock: systemClock,
  logger,
  bus,
  secret: 'x'.repeat(40),
};
const workspace = await createWorkspace(ctx, { name: '压测商城' });
const workspaceId = workspace.id;

// Bulk load: the rows the commands would write, without running the workflow 100,000 times.
let started = performance.now();
const now = Date.now();
for (let offset = 0; offset < ARTICLES; offset += 500) {
  const articles: Insertable<ArticleTable>[] = [];
  const versions: Insertable<ArticleVersionTable>[] = [];
  for (let i = offset; i < Math.min(ARTICLES, offset + 500); i++) {
    const product = `${String.fromCharCode(65 + (i % 26))}${i}${PRODUCTS[i % PRODUCTS.length]}`;
    const action = ACTIONS[Math.floor(i / PRODUCTS.length) % ACTIONS.length];
    const content = contentOf({
      title: `${product}怎么${action}？`,
      alternates: [`${product}可以${action}吗`],
      answer: `<p>请在订单详情页为${product}申请${action}，1-3 个工作日处理。</p>`,
    });
    const id = newId('kba');
    articles.push({
      id,
      workspace_id: workspaceId,
      kind: 'faq' as const,
      language: 'zh' as const,
      group_id: newId('kbg'),
      status: 'published' as const,
      version: 1,
      live_version: 1,
      title: content.title,
      alternates: toJson(content.alternates),
      answer: content.answer,
      body: '',
      category_id: null,
      tags: '[]',
      channels: '[]',
      effective_from: null,
      effective_to: null,
      source: null,
      created_by: null,
      updated_by: null,
      created_at: now,
      updated_at: now,
      published_at: now,
    });
    versions.push({
      id: newId('kbv'),
      workspace_id: workspaceId,
      article_id: id,
      version: 1,
      content: toJson(content),
      author_type: 'system',
      author_id: null,
      note: null,
      diff: '[]',
      created_at: now,
    });
  }
  await database.db.transaction().execute(async (trx) => {
    await trx.insertInto('kb_articles').values(articles).execute();
    await trx.insertInto('kb_article_versions').values(versions).execute();
  });
}
const loadSeconds = (performance.now() - started) / 1000;

started = performance.now();
const buildCpu0 = process.cpuUsage();
await knowledgeIndex(ctx).workspace(workspaceId);
const buildSeconds = (performance.now() - started) / 1000;
const buildCpu = process.cpuUsage(buildCpu0);
const buildCpuSeconds = (buildCpu.user + buildCpu.system) / 1e6;

const editor = { type: 'user' as const, id: 'usr_bench_editor' };
const reviewer = { type: 'user' as const, id: 'usr_bench_reviewer' };
const latencies: number[] = [];
let found = 0;
for (let i = 0; i < PUBLISHES; i++) {
  const article = await createArticle(ctx, {
    workspaceId,
    actor: editor,
    input: { language: 'zh', title: `新品 Z${i} 旗舰手机以旧换新怎么操作？`, answer: '<p>在活动页提交旧机信息。</p>' },
  });
  await reviewArticle(ctx, { workspaceId, articleId: article.id, action: 'submit', version: 1, actor: editor });
  const t0 = performance.now();
  await reviewArticle(ctx, { workspaceId, articleId: article.id, action: 'publish', version: 1, actor: reviewer });
  const hits = await searchKnowledge(ctx, workspaceId, `Z${i} 旗舰手机以旧换新`, { limit: 5 });
  latencies.push(performance.now() - t0);
  if (hits.some((h) => h.articleId === article.id)) found++;
}

const result = {
  articles: ARTICLES,
  load_seconds: Number(loadSeconds.toFixed(2)),
  registry_build_seconds: Number(buildSeconds.toFixed(2)),
  registry_build_cpu_seconds: Number(buildCpuSeconds.toFixed(2)),
  publish_to_searchable_ms: {
    p50: Number(percentile(latencies, 50).toFixed(1)),
    max: Number(Math.max(...latencies).toFixed(1)),
  },
  found_after_publish: `${found}/${PUBLISHES}`,
};
console.log(`articles in workspace            ${ARTICLES}`);
console.log(
  `registry build from database     ${result.registry_build_seconds} s, CPU ${result.registry_build_cpu_seconds} s   (target ≤ 10 s for the index build)`,
);
console.log(
  `publish → searchable p50 / max   ${result.publish_to_searchable_ms.p50} / ${result.publish_to_searchable_ms.max} ms   (target ≤ 1000 ms)`,
);
console.log(`found by a search right after    ${result.found_after_publish}`);
console.log(JSON.stringify(result));
await bus.close();
await database.close();
rmSync(dir, { recursive: true, force: true });
