import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '../../../test/support/engines.ts';
import { findArticle, listReviewEvents, listVersions } from '../store.ts';
import { createTestBed, type KnowledgeTestBed, seedKnowledgeWorkspace } from '../testing/context.ts';
import { createArticle } from './create-article.ts';

describe.each(testEngines())('createArticle on %s', (engine) => {
  let bed: KnowledgeTestBed;
  let seeded: Awaited<ReturnType<typeof seedKnowledgeWorkspace>>;

  beforeEach(async () => {
    bed = createTestBed(await openTestDatabase(engine));
    seeded = await seedKnowledgeWorkspace(bed.ctx);
  });
  afterEach(async () => bed.dispose());

  it('writes a draft with version 1, its diff and a creation event', async () => {
    const article = await createArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      actor: seeded.editor,
      input: {
        language: 'zh',
        title: '多久可以发货？',
        alternates: ['什么时候发货', '多久可以发货？', '发货要几天'],
        answer: '<p>付款后 <b>48 小时</b>内发货。</p><script>alert(1)</script>',
        tags: ['物流', '物流'],
      },
      source: { type: 'import', file: 'faq.xlsx', line: 3 },
    });
    expect(article).toMatchObject({ status: 'draft', version: 1, liveVersion: null, kind: 'faq', tags: ['物流'] });
    expect(article.alternates).toEqual(['什么时候发货', '发货要几天']);
    expect(article.answer).toBe('<p>付款后 <b>48 小时</b>内发货。</p>');
    expect(article.source).toEqual({ type: 'import', file: 'faq.xlsx', line: 3 });
    const versions = await listVersions(bed.ctx.db, seeded.workspaceId, article.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, authorId: seeded.editor.id, title: '多久可以发货？' });
    expect(versions[0]?.diff.map((c) => c.field)).toContain('answer');
    const events = await listReviewEvents(bed.ctx.db, seeded.workspaceId, article.id);
    expect(events.map((e) => e.action)).toEqual(['created']);
  });

  it('links a zh and an en variant, and refuses a second variant in one language', async () => {
    const zh = await createArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      actor: seeded.editor,
      input: { language: 'zh', title: '如何开发票？', answer: '在订单详情页申请电子发票。' },
    });
    const en = await createArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      actor: seeded.editor,
      input: {
        language: 'en',
        title: 'How do I get an invoice?',
        answer: 'Request an e-invoice on the order page.',
        variantOf: zh.id,
      },
    });
    expect(en.groupId).toBe(zh.groupId);
    await expect(
      createArticle(bed.ctx, {
        workspaceId: seeded.workspaceId,
        actor: seeded.editor,
        input: { language: 'en', title: 'Invoices?', answer: 'Yes.', variantOf: zh.id },
      }),
    ).rejects.toMatchObject({ code: 'conflict', status: 409 });
    await expect(
      createArticle(bed.ctx, {
        workspaceId: seeded.workspaceId,
        actor: seeded.editor,
        input: { language: 'zh', title: '发票？', answer: '可以。', variantOf: zh.id },
      }),
    ).rejects.toMatchObject({ code: 'conflict', details: { reason: 'same_language' } });
  });

  it('refuses bad input with a code that names the problem, writing nothing', async () => {
    const base = { language: 'zh' as const, title: '退款多久到账', answer: '1-3 个工作日。' };
    const refuse = (input: unknown) =>
      createArticle(bed.ctx, { workspaceId: seeded.workspaceId, actor: seeded.editor, input: input as never });
    await expect(refuse({ ...base, colour: 'red' })).rejects.toMatchObject({ code: 'unknown_field' });
    await expect(refuse({ ...base, title: 'bad \ud800 text' })).rejects.toMatchObject({ code: 'invalid_text' });
    await expect(refuse({ ...base, answer: 'x'.repeat(50_001) })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(refuse({ ...base, answer: '<script>alert(1)</script>' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(refuse({ ...base, kind: 'document', body: '  ' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(refuse({ ...base, effectiveFrom: 2000, effectiveTo: 1000 })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await bed.ctx.db.selectFrom('kb_articles').selectAll().execute()).toEqual([]);
  });

  it('does not resolve another workspace’s category or article', async () => {
    const other = await seedKnowledgeWorkspace(bed.ctx, '别人的店');
    const theirs = await createArticle(bed.ctx, {
      workspaceId: other.workspaceId,
      actor: other.editor,
      input: { language: 'zh', title: '别人的问题', answer: '别人的答案' },
    });
    await expect(
      createArticle(bed.ctx, {
        workspaceId: seeded.workspaceId,
        actor: seeded.editor,
        input: { language: 'en', title: 'Mine', answer: 'Mine', variantOf: theirs.id },
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await findArticle(bed.ctx.db, seeded.workspaceId, theirs.id)).toBeUndefined();
  });
});
