import { toCategory } from './rows.ts';
import type { CategoryTable, Executor } from './store.ts';

/** The category tree of a workspace: rows with a parent and a position among their siblings. */
export async function findCategory(db: Executor, workspaceId: string, categoryId: string) {
  const row = await db
    .selectFrom('kb_categories')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', categoryId)
    .executeTakeFirst();
  return row ? toCategory(row) : undefined;
}

/** Every category of the workspace, parents' order then position (a tree is at most a few thousand rows). */
export async function listCategories(db: Executor, workspaceId: string) {
  const rows = await db
    .selectFrom('kb_categories')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toCategory);
}

export async function insertCategory(db: Executor, row: CategoryTable) {
  await db.insertInto('kb_categories').values(row).execute();
  return toCategory(row);
}

export async function writeCategory(
  db: Executor,
  workspaceId: string,
  categoryId: string,
  patch: Partial<Pick<CategoryTable, 'name' | 'name_en' | 'parent_id' | 'position'>> & { updated_at: number },
) {
  const row = await db
    .updateTable('kb_categories')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', categoryId)
    .returningAll()
    .executeTakeFirst();
  return row ? toCategory(row) : undefined;
}

/** Siblings (same parent) in order; the caller renumbers positions when one moves. */
export async function listSiblings(db: Executor, workspaceId: string, parentId: string | null) {
  const rows = await db
    .selectFrom('kb_categories')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', parentId === null ? 'is' : '=', parentId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toCategory);
}

export async function removeCategoryRow(db: Executor, workspaceId: string, categoryId: string) {
  const result = await db
    .deleteFrom('kb_categories')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', categoryId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whether anything hangs under a category (children or articles): such a category cannot be deleted. */
export async function categoryInUse(db: Executor, workspaceId: string, categoryId: string) {
  const child = await db
    .selectFrom('kb_categories')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', '=', categoryId)
    .executeTakeFirst();
  if (child) return true;
  const article = await db
    .selectFrom('kb_articles')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('category_id', '=', categoryId)
    .executeTakeFirst();
  return article !== undefined;
}
