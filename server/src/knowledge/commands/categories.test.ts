import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '../../../test/support/engines.ts';
import { listCategories } from '../category-store.ts';
import { createTestBed, type KnowledgeTestBed, seedKnowledgeWorkspace } from '../testing/context.ts';
import { createArticle } from './create-article.ts';
import { createCategory } from './create-category.ts';
import { deleteCategory } from './delete-category.ts';
import { updateCategory } from './update-category.ts';

describe.each(testEngines())('category tree on %s', (engine) => {
  let bed: KnowledgeTestBed;
  let workspaceId: string;

  beforeEach(async () => {
    bed = createTestBed(await openTestDatabase(engine));
    workspaceId = (await seedKnowledgeWorkspace(bed.ctx)).workspaceId;
  });
  afterEach(async () => bed.dispose());

  const make = (name: string, parentId: string | null = null) =>
    createCategory(bed.ctx, { workspaceId, input: { name, parentId } });

  it('appends siblings in order and reorders them densely when one moves', async () => {
    const a = await make('物流');
    const b = await make('支付');
    const c = await make('发票');
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
    await updateCategory(bed.ctx, { workspaceId, categoryId: c.id, patch: { position: 0 } });
    const order = (await listCategories(bed.ctx.db, workspaceId)).map((x) => x.name);
    expect(order).toEqual(['发票', '物流', '支付']);
  });

  it('moves a subtree to any depth, never under itself', async () => {
    const root = await make('售后');
    const mid = await make('退货退款', root.id);
    const leaf = await make('七天无理由', mid.id);
    const other = await make('售前');
    const moved = await updateCategory(bed.ctx, { workspaceId, categoryId: mid.id, patch: { parentId: other.id } });
    expect(moved).toMatchObject({ parentId: other.id, position: 0 });
    await expect(
      updateCategory(bed.ctx, { workspaceId, categoryId: other.id, patch: { parentId: leaf.id } }),
    ).rejects.toMatchObject({ code: 'illegal_transition', details: { reason: 'category_cycle' } });
    await expect(
      updateCategory(bed.ctx, { workspaceId, categoryId: root.id, patch: { parentId: root.id } }),
    ).rejects.toMatchObject({ code: 'illegal_transition' });
  });

  it('deletes only empty categories, and keeps tenants apart', async () => {
    const used = await make('保修');
    await createArticle(bed.ctx, {
      workspaceId,
      actor: { type: 'system', id: null },
      input: { language: 'zh', title: '保修多久？', answer: '一年。', categoryId: used.id },
    });
    await expect(deleteCategory(bed.ctx, { workspaceId, categoryId: used.id })).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'category_not_empty' },
    });
    const other = await seedKnowledgeWorkspace(bed.ctx, '别人的店');
    await expect(
      deleteCategory(bed.ctx, { workspaceId: other.workspaceId, categoryId: used.id }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      createCategory(bed.ctx, { workspaceId: other.workspaceId, input: { name: '子类', parentId: used.id } }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const empty = await make('空的');
    await deleteCategory(bed.ctx, { workspaceId, categoryId: empty.id });
    expect((await listCategories(bed.ctx.db, workspaceId)).map((c) => c.name)).toEqual(['保修']);
  });
});
