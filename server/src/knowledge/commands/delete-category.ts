import type { ServiceContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { categoryInUse, findCategory, removeCategoryRow } from '../category-store.ts';

/** Deletes an empty category. One that still holds subcategories or articles is refused: nothing is orphaned. */
export async function deleteCategory(
  ctx: ServiceContext,
  options: { workspaceId: string; categoryId: string },
): Promise<void> {
  const { workspaceId, categoryId } = options;
  if (!(await findCategory(ctx.db, workspaceId, categoryId))) throw notFound('Category');
  if (await categoryInUse(ctx.db, workspaceId, categoryId)) {
    throw new AppError('conflict', 'The category still holds subcategories or articles; move them first', {
      details: { reason: 'category_not_empty' },
    });
  }
  await removeCategoryRow(ctx.db, workspaceId, categoryId);
}
