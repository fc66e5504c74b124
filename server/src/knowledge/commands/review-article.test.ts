import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '../../../test/support/engines.ts';
import { listAudit } from '../../security/audit.ts';
import { searchKnowledge } from '../search-knowledge.ts';
import { findArticle, listReviewEvents, listVersions } from '../store.ts';
import { createTestBed, type KnowledgeTestBed, seedKnowledgeWorkspace } from '../testing/context.ts';
import { createArticle } from './create-article.ts';
import { reviewArticle } from './review-article.ts';
import { rollbackArticle } from './rollback-article.ts';
import { updateArticle } from './update-article.ts';

describe.each(testEngines())('review workflow on %s', (engine) => {
  let bed: KnowledgeTestBed;
  let seeded: Awaited<ReturnType<typeof seedKnowledgeWorkspace>>;
  const search = (q: string) => searchKnowledge(bed.ctx, seeded.workspaceId, q);

  beforeEach(async () => {
    bed = createTestBed(await openTestDatabase(engine));
    seeded = await seedKnowledgeWorkspace(bed.ctx);
  });
  afterEach(async () => bed.dispose());

  const draft = () =>
    createArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      actor: seeded.editor,
      input: {
        language: 'zh',
        title: '退款多久能到账？',
        alternates: ['钱什么时候退回来'],
        answer: '<p>审核通过后 1-3 个工作日原路退回。</p>',
        tags: ['退款'],
      },
    });

  const publish = async (articleId: string, version: number) => {
    await reviewArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      articleId,
      action: 'submit',
      version,
      actor: seeded.editor,
    });
    return reviewArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      articleId,
      action: 'publish',
      version,
      actor: seeded.reviewer,
    });
  };

  it('serves nothing of a draft; publishing makes it searchable at once and is audited', async () => {
    const article = await draft();
    expect(await search('退款多久到账')).toEqual([]);
    const published = await publish(article.id, 1);
    expect(published).toMatchObject({ status: 'published', liveVersion: 1 });
    const hits = await search('我的退款几天能到');
    expect(hits[0]?.articleId).toBe(article.id);
    expect(hits[0]?.article.answerHtml).toContain('1-3 个工作日');
    const audit = await listAudit(bed.ctx.db, seeded.workspaceId, { action: 'kb.article.published' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: seeded.reviewer.id, target_id: article.id });
  });

  it('refuses a reviewer who wrote the change, and a draft that skips review', async () => {
    const article = await draft();
    await expect(
      reviewArticle(bed.ctx, {
        workspaceId: seeded.workspaceId,
        articleId: article.id,
        action: 'publish',
        version: 1,
        actor: seeded.reviewer,
      }),
    ).rejects.toMatchObject({ code: 'illegal_transition', status: 409 });
    await reviewArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      articleId: article.id,
      action: 'submit',
      version: 1,
      actor: seeded.editor,
    });
    await expect(
      reviewArticle(bed.ctx, {
        workspaceId: seeded.workspaceId,
        articleId: article.id,
        action: 'publish',
        version: 1,
        actor: seeded.editor,
      }),
    ).rejects.toMatchObject({ code: 'forbidden', status: 403, details: { reason: 'reviewer_is_author' } });
    expect((await findArticle(bed.ctx.db, seeded.workspaceId, article.id))?.liveVersion).toBeNull();
  });

  it('keeps serving the published version while an edit waits for review', async () => {
    const article = await draft();
    await publish(article.id, 1);
    const edited = await updateArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      articleId: article.id,
      actor: seeded.editor,
      patch: { expectedVersion: 1, answer: '<p>草稿：尚未审核的新说法</p>' },
    });
    expect(edited.article).toMatchObject({ status: 'draft', version: 2, liveVersion: 1 });
    const hits = await search('退款多久到账');
    expect(hits[0]?.article.answerText).toContain('1-3 个工作日');
    expect(hits[0]?.article.answerText).not.toContain('草稿');
  });

  it('gives the second of two simultaneous saves a 409 and loses nothing of the first', async () => {
    const article = await draft();
    const results = await Promise.allSettled([
      updateArticle(bed.ctx, {
        workspaceId: seeded.workspaceId,
        articleId: article.id,
        actor: seeded.editor,
        patch: { expectedVersion: 1, answer: '<p>编辑甲的答案</p>' },
      }),
      updateArticle(bed.ctx, {
        workspaceId: seeded.workspaceId,
        articleId: article.id,
        actor: seeded.reviewer,
        patch: { expectedVersion: 1, answer: '<p>编辑乙的答案</p>' },
      }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toMatchObject({ code: 'conflict', status: 409, details: { currentVersion: 2 } });
    const versions = await listVersions(bed.ctx.db, seeded.workspaceId, article.id);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const saved = (won[0] as PromiseFulfilledResult<{ article: { answer: string } }>).value.article.answer;
    expect(versions[0]?.answer).toBe(saved);
  });

  it('rolls back to a published version as a new live version; archiving stops serving', async () => {
    const article = await draft();
    await publish(article.id, 1);
    await updateArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      articleId: article.id,
      actor: seeded.editor,
      patch: { expectedVersion: 1, answer: '<p>错误：退款需要 30 天</p>' },
    });
    await publish(article.id, 2);
    expect((await search('退款多久到账'))[0]?.article.answerText).toContain('30 天');
    const rolled = await rollbackArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      articleId: article.id,
      toVersion: 1,
      expectedVersion: 2,
      actor: seeded.reviewer,
      mayPublish: true,
    });
    expect(rolled).toMatchObject({ live: true, article: { version: 3, liveVersion: 3, status: 'published' } });
    expect((await search('退款多久到账'))[0]?.article.answerText).toContain('1-3 个工作日');
    const events = await listReviewEvents(bed.ctx.db, seeded.workspaceId, article.id);
    expect(events.map((e) => e.action)).toEqual([
      'created',
      'submit',
      'publish',
      'edited',
      'submit',
      'publish',
      'rollback',
    ]);
    await reviewArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      articleId: article.id,
      action: 'archive',
      version: 3,
      actor: seeded.reviewer,
    });
    expect(await search('退款多久到账')).toEqual([]);
  });

  it('a rollback by an editor, or to a never-published version, is a draft to review', async () => {
    const article = await draft();
    await updateArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      articleId: article.id,
      actor: seeded.editor,
      patch: { expectedVersion: 1, title: '退款时效' },
    });
    const rolled = await rollbackArticle(bed.ctx, {
      workspaceId: seeded.workspaceId,
      articleId: article.id,
      toVersion: 1,
      expectedVersion: 2,
      actor: seeded.reviewer,
      mayPublish: true,
    });
    expect(rolled).toMatchObject({ live: false, article: { status: 'draft', version: 3, title: '退款多久能到账？' } });
    await expect(
      rollbackArticle(bed.ctx, {
        workspaceId: seeded.workspaceId,
        articleId: article.id,
        toVersion: 9,
        expectedVersion: 3,
        actor: seeded.editor,
        mayPublish: false,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
