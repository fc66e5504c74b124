import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '../../test/support/engines.ts';
import { createArticle } from './commands/create-article.ts';
import { recordFeedback } from './commands/record-feedback.ts';
import { reviewArticle } from './commands/review-article.ts';
import { KnowledgeIndexRegistry, knowledgeIndex } from './index-registry.ts';
import type { ArticleInput, KbActor } from './schema.ts';
import { questionDoc } from './search/question-doc.ts';
import { searchKnowledge } from './search-knowledge.ts';
import { createTestBed, type KnowledgeTestBed, seedKnowledgeWorkspace } from './testing/context.ts';

describe.each(testEngines())('knowledge index registry on %s', (engine) => {
  let bed: KnowledgeTestBed;
  let seeded: Awaited<ReturnType<typeof seedKnowledgeWorkspace>>;

  beforeEach(async () => {
    bed = createTestBed(await openTestDatabase(engine));
    seeded = await seedKnowledgeWorkspace(bed.ctx);
  });
  afterEach(async () => bed.dispose());

  async function published(input: ArticleInput, reviewer: KbActor = seeded.reviewer) {
    const article = await createArticle(bed.ctx, { workspaceId: seeded.workspaceId, actor: seeded.editor, input });
    const move = { workspaceId: seeded.workspaceId, articleId: article.id, version: 1 };
    await reviewArticle(bed.ctx, { ...move, action: 'submit', actor: seeded.editor });
    await reviewArticle(bed.ctx, { ...move, action: 'publish', actor: reviewer });
    return article;
  }

  it('brings another process’s index up to date through the bus', async () => {
    const elsewhere = new KnowledgeIndexRegistry(bed.ctx.db);
    const stop = elsewhere.follow(bed.bus);
    const before = await elsewhere.workspace(seeded.workspaceId);
    expect(before.index.size).toBe(0);
    const article = await published({ language: 'zh', title: '怎么查询物流进度？', answer: '在“我的订单”查看物流。' });
    await bed.bus.settle();
    const knowledge = await elsewhere.workspace(seeded.workspaceId);
    expect(knowledge.index.has(article.id)).toBe(true);
    await reviewArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      articleId: article.id,
      action: 'archive',
      version: 1,
      actor: seeded.reviewer,
    });
    await bed.bus.settle();
    expect(knowledge.index.has(article.id)).toBe(false);
    stop();
  });

  it('builds lazily from published articles only', async () => {
    await published({ language: 'zh', title: '支持哪些支付方式？', answer: '微信、支付宝。' });
    await createArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      actor: seeded.editor,
      input: { language: 'zh', title: '草稿：支付方式调整', answer: '尚未审核' },
    });
    const fresh = new KnowledgeIndexRegistry(bed.ctx.db);
    const knowledge = await fresh.workspace(seeded.workspaceId);
    expect(knowledge.index.size).toBe(1);
    expect([...knowledge.live.values()].map((l) => l.article.title)).toEqual(['支持哪些支付方式？']);
    // the index holds each doc as searchDocsOf built it: one literal, fields in questionDoc's order (one hidden class)
    const [id] = [...knowledge.live.keys()];
    expect(Object.keys(knowledge.index.get(id as string) ?? {})).toEqual(Object.keys(questionDoc('x', 'x')));
  });

  it('serves an article only within its effective dates and on its channels', async () => {
    const now = bed.clock.now();
    const promo = await published({
      language: 'zh',
      title: '双十一活动满减规则是什么？',
      answer: '满 300 减 50。',
      effectiveFrom: now + 86_400_000,
      effectiveTo: now + 2 * 86_400_000,
      channels: ['app'],
    });
    const ask = (channel?: string) =>
      searchKnowledge(bed.ctx, seeded.workspaceId, '双十一满减规则', { channel }).then((h) =>
        h.map((x) => x.articleId),
      );
    expect(await ask('app')).not.toContain(promo.id);
    bed.clock.advance(86_400_000 + 1);
    expect(await ask('app')).toContain(promo.id);
    expect(await ask('web_widget')).not.toContain(promo.id);
    bed.clock.advance(86_400_000);
    expect(await ask('app')).not.toContain(promo.id);
  });

  it('retrieves the passage of a document that answers, and remembers feedback across a rebuild', async () => {
    const doc = await published({
      kind: 'document',
      language: 'zh',
      title: '售后服务政策',
      body: '# 退货\n签收后七天内可无理由退货。\n\n# 保修\n电子产品整机保修一年，主要部件保修两年。',
    });
    const hits = await searchKnowledge(bed.ctx, seeded.workspaceId, '电子产品保修几年');
    expect(hits[0]).toMatchObject({ articleId: doc.id, kind: 'passage', passage: { heading: '保修' } });
    expect(hits[0]?.article.answerText).toContain('保修一年');
    // The explanation is not computed until read (the bot never reads it), and then it is the index hit's own.
    const first = hits[0] as NonNullable<(typeof hits)[0]>;
    expect(Object.getOwnPropertyDescriptor(first, 'highlights')?.get).toBeTypeOf('function');
    const [indexHit] = (await knowledgeIndex(bed.ctx).workspace(seeded.workspaceId)).index.search('电子产品保修几年', {
      now: bed.clock.now(),
    });
    expect(JSON.parse(JSON.stringify(first))).toMatchObject(JSON.parse(JSON.stringify(indexHit)));
    expect(first.highlights.length).toBeGreaterThan(0);
    expect(Object.keys(first).slice(-2)).toEqual(['article', 'passage']);
    await recordFeedback(bed.ctx, {
      workspaceId: seeded.workspaceId,
      input: { query: '东西坏了管修吗', docId: `${doc.id}#2`, resolved: true },
    });
    const rebuilt = new KnowledgeIndexRegistry(bed.ctx.db);
    const knowledge = await rebuilt.workspace(seeded.workspaceId);
    expect(knowledge.index.has(`${doc.id}#2`)).toBe(true);
    const learned = knowledge.index.search('东西坏了管修吗', { now: bed.clock.now() });
    expect(learned[0]?.docId).toBe(`${doc.id}#2`);
  });
});
