import type { ServiceContext } from '../platform/context.ts';
import { listCategories } from './category-store.ts';
import { createArticle } from './commands/create-article.ts';
import { createCategory } from './commands/create-category.ts';
import { reviewArticle } from './commands/review-article.ts';
import { DEMO_CATEGORIES, DEMO_FAQS } from './demo-faqs.ts';
import type { KbActor } from './schema.ts';
import { countArticles } from './store.ts';

/**
 * Seeds the demo shop's help centre: a category tree and published FAQ articles in Chinese and English (linked as
 * variants), written by `authorId` and published by `reviewerId` through the real workflow (so versions, review
 * events and audit entries exist as they would in use). Does nothing when the workspace has articles already.
 */
export async function seedDemoKnowledge(
  ctx: ServiceContext,
  workspaceId: string,
  authorId: string,
  reviewerId: string,
): Promise<{ categories: number; articles: number; skipped: boolean }> {
  if ((await countArticles(ctx.db, workspaceId)) > 0) return { categories: 0, articles: 0, skipped: true };
  const author: KbActor = { type: 'user', id: authorId };
  const reviewer: KbActor = { type: 'user', id: reviewerId };

  const existing = new Map((await listCategories(ctx.db, workspaceId)).map((c) => [`${c.parentId}/${c.name}`, c.id]));
  const categoryIds = new Map<string, string>();
  for (const category of DEMO_CATEGORIES) {
    const parentId = category.parent ? (categoryIds.get(category.parent) ?? null) : null;
    const id =
      existing.get(`${parentId}/${category.zh}`) ??
      (await createCategory(ctx, { workspaceId, input: { name: category.zh, nameEn: category.en, parentId } })).id;
    categoryIds.set(category.key, id);
  }

  let articles = 0;
  const publish = async (articleId: string) => {
    await reviewArticle(ctx, { workspaceId, articleId, action: 'submit', version: 1, actor: author });
    await reviewArticle(ctx, { workspaceId, articleId, action: 'publish', version: 1, actor: reviewer });
    articles++;
  };
  for (const faq of DEMO_FAQS) {
    const categoryId = categoryIds.get(faq.category) ?? null;
    const zh = await createArticle(ctx, {
      workspaceId,
      actor: author,
      source: { type: 'demo' },
      input: {
        language: 'zh',
        title: faq.zh.q,
        alternates: faq.zh.similar,
        answer: faq.zh.a,
        categoryId,
        tags: faq.tags,
      },
    });
    await publish(zh.id);
    const en = await createArticle(ctx, {
      workspaceId,
      actor: author,
      source: { type: 'demo' },
      input: {
        language: 'en',
        title: faq.en.q,
        alternates: faq.en.similar,
        answer: faq.en.a,
        categoryId,
        tags: faq.tags,
        variantOf: zh.id,
      },
    });
    await publish(en.id);
  }
  return { categories: categoryIds.size, articles, skipped: false };
}
