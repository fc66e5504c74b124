import type { ServiceContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findCategory, listCategories, listSiblings, writeCategory } from '../category-store.ts';
import { CategoryPatch, type CategoryRecord } from '../schema.ts';
import { parseInput } from '../validate.ts';

export interface UpdateCategoryOptions {
  workspaceId: string;
  categoryId: string;
  patch: CategoryPatch;
}

/**
 * Renames a category and/or moves it: to another parent (any depth) and/or to a position among its siblings,
 * renumbering the siblings so the order stays dense. A category never moves under itself or its descendants.
 */
export async function updateCategory(ctx: ServiceContext, options: UpdateCategoryOptions): Promise<CategoryRecord> {
  const patch = parseInput(CategoryPatch, options.patch);
  const { workspaceId, categoryId } = options;
  const current = await findCategory(ctx.db, workspaceId, categoryId);
  if (!current) throw notFound('Category');
  const parentId = patch.parentId === undefined ? current.parentId : patch.parentId;
  if (parentId !== null && parentId !== current.parentId) {
    const all = await listCategories(ctx.db, workspaceId);
    const byId = new Map(all.map((c) => [c.id, c]));
    if (!byId.has(parentId)) throw notFound('Parent category');
    for (let at: string | null = parentId; at !== null; at = byId.get(at)?.parentId ?? null) {
      if (at === categoryId) {
        throw new AppError('illegal_transition', 'A category cannot move under itself or one of its descendants', {
          details: { reason: 'category_cycle' },
        });
      }
    }
  }
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const siblings = (await listSiblings(trx, workspaceId, parentId)).filter((c) => c.id !== categoryId);
    const position = Math.min(
      patch.position ?? (parentId === current.parentId ? current.position : siblings.length),
      siblings.length,
    );
    const ordered = [...siblings];
    ordered.splice(position, 0, current);
    for (const [index, sibling] of ordered.entries()) {
      if (sibling.id === categoryId || sibling.position === index) continue;
      await writeCategory(trx, workspaceId, sibling.id, { position: index, updated_at: now });
    }
    const updated = await writeCategory(trx, workspaceId, categoryId, {
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.nameEn === undefined ? {} : { name_en: patch.nameEn }),
      parent_id: parentId,
      position,
      updated_at: now,
    });
    if (!updated) throw notFound('Category');
    return updated;
  });
}
