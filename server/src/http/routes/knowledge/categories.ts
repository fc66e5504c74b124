import { z } from 'zod';
import { listCategories } from '../../../knowledge/category-store.ts';
import { createCategory } from '../../../knowledge/commands/create-category.ts';
import { deleteCategory } from '../../../knowledge/commands/delete-category.ts';
import { updateCategory } from '../../../knowledge/commands/update-category.ts';
import { CategoryInput, CategoryPatch } from '../../../knowledge/schema.ts';
import { workspaceOf } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { CategoryParams, CategoryView, presentCategory } from './schema.ts';

/** The category tree: read by everyone who reads the knowledge base, shaped by editors and reviewers. */
export async function categoryRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;
  const tags = ['knowledge'];

  app.get(
    '/api/v1/kb/categories',
    {
      config: { policy: 'kb.categories.read' },
      schema: { tags, response: { 200: z.object({ categories: z.array(CategoryView) }), ...errorResponses } },
    },
    async (request) => ({ categories: (await listCategories(ctx.db, workspaceOf(request))).map(presentCategory) }),
  );

  app.post(
    '/api/v1/kb/categories',
    {
      config: { policy: 'kb.categories.manage' },
      schema: { tags, body: CategoryInput, response: { 201: CategoryView, ...errorResponses } },
    },
    async (request, reply) => {
      const category = await createCategory(ctx, { workspaceId: workspaceOf(request), input: request.body });
      return reply.status(201).send(presentCategory(category));
    },
  );

  app.patch(
    '/api/v1/kb/categories/:categoryId',
    {
      config: { policy: 'kb.categories.manage' },
      schema: { tags, params: CategoryParams, body: CategoryPatch, response: { 200: CategoryView, ...errorResponses } },
    },
    async (request) =>
      presentCategory(
        await updateCategory(ctx, {
          workspaceId: workspaceOf(request),
          categoryId: request.params.categoryId,
          patch: request.body,
        }),
      ),
  );

  app.delete(
    '/api/v1/kb/categories/:categoryId',
    {
      config: { policy: 'kb.categories.manage' },
      schema: { tags, params: CategoryParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await deleteCategory(ctx, { workspaceId: workspaceOf(request), categoryId: request.params.categoryId });
      return reply.status(204).send(null);
    },
  );
}
