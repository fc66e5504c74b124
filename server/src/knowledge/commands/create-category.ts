import type { ServiceContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findCategory, insertCategory, listSiblings } from '../category-store.ts';
import { type CategoryInput, CategoryInput as CategoryInputSchema, type CategoryRecord } from '../schema.ts';
import { parseInput } from '../validate.ts';

export interface CreateCategoryOptions {
  workspaceId: string;
  input: CategoryInput;
}

/** Adds a category under a parent (or at the top), last among its siblings unless a position is given. */
export async function createCategory(ctx: ServiceContext, options: CreateCategoryOptions): Promise<CategoryRecord> {
  const input = parseInput(CategoryInputSchema, options.input);
  const { workspaceId } = options;
  if (input.parentId && !(await findCategory(ctx.db, workspaceId, input.parentId))) throw notFound('Parent category');
  const siblings = await listSiblings(ctx.db, workspaceId, input.parentId);
  const last = siblings.at(-1);
  const now = ctx.clock.now();
  return insertCategory(ctx.db, {
    id: newId('kbc'),
    workspace_id: workspaceId,
    parent_id: input.parentId,
    name: input.name,
    name_en: input.nameEn,
    position: input.position ?? (last ? last.position + 1 : 0),
    created_at: now,
    updated_at: now,
  });
}
