import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '../../test/support/engines.ts';
import { seedDemoKnowledge } from './demo-content.ts';
import { DEMO_FAQS } from './demo-faqs.ts';
import { searchKnowledge } from './search-knowledge.ts';
import { listArticles } from './store.ts';
import { createTestBed, type KnowledgeTestBed, seedKnowledgeWorkspace } from './testing/context.ts';

describe.each(testEngines())('demo knowledge on %s', (engine) => {
  let bed: KnowledgeTestBed;
  let seeded: Awaited<ReturnType<typeof seedKnowledgeWorkspace>>;

  beforeEach(async () => {
    bed = createTestBed(await openTestDatabase(engine));
    seeded = await seedKnowledgeWorkspace(bed.ctx);
  });
  afterEach(async () => bed.dispose());

  it('publishes linked zh/en FAQs in a category tree, once', async () => {
    const first = await seedDemoKnowledge(
      bed.ctx,
      seeded.workspaceId,
      seeded.editor.id as string,
      seeded.reviewer.id as string,
    );
    expect(first).toEqual({ categories: 8, articles: DEMO_FAQS.length * 2, skipped: false });
    const again = await seedDemoKnowledge(
      bed.ctx,
      seeded.workspaceId,
      seeded.editor.id as string,
      seeded.reviewer.id as string,
    );
    expect(again.skipped).toBe(true);
    const published = await listArticles(bed.ctx.db, seeded.workspaceId, { status: 'published', limit: 200 });
    expect(published).toHaveLength(DEMO_FAQS.length * 2);
    const groups = new Set(published.map((a) => a.groupId));
    expect(groups.size).toBe(DEMO_FAQS.length);

    // Paraphrases that are not among the seeded questions, in both languages.
    const ask = async (query: string, language: 'zh' | 'en') =>
      (await searchKnowledge(bed.ctx, seeded.workspaceId, query, { language }))[0]?.article.title;
    expect(await ask('我的钱退回来要几天', 'zh')).toBe('退款多久能到账？');
    expect(await ask('公司需要开专用发票', 'zh')).toBe('能开增值税专用发票吗？');
    expect(await ask('when does my refund arrive', 'en')).toBe('How long does a refund take?');
    expect(await ask('reset password', 'en')).toBe('I forgot my password. What should I do?');
  });
});
