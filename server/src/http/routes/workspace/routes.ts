import { z } from 'zod';
import { notFound } from '../../../platform/errors.ts';
import { UpdateWorkspaceInput, updateWorkspace } from '../../../security/commands/update-workspace.ts';
import { findWorkspace } from '../../../security/store.ts';
import { signedIn, workspaceOf } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';

const WorkspaceView = z.object({
  id: z.string(),
  name: z.string(),
  widgetKey: z.string(),
  defaultLocale: z.string(),
  paused: z.boolean(),
  createdAt: z.number(),
});

function presentWorkspace(row: {
  id: string;
  name: string;
  widget_key: string;
  default_locale: string;
  paused_at: number | null;
  created_at: number;
}): z.infer<typeof WorkspaceView> {
  return {
    id: row.id,
    name: row.name,
    widgetKey: row.widget_key,
    defaultLocale: row.default_locale,
    paused: row.paused_at !== null,
    createdAt: row.created_at,
  };
}

export async function workspaceRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/v1/workspace',
    {
      config: { policy: 'workspace.read' },
      schema: { tags: ['workspace'], response: { 200: WorkspaceView, ...errorResponses } },
    },
    async (request) => {
      const row = await findWorkspace(deps.ctx.db, workspaceOf(request));
      if (!row) throw notFound('Workspace');
      return presentWorkspace(row);
    },
  );

  app.patch(
    '/api/v1/workspace',
    {
      config: { policy: 'workspace.manage' },
      schema: { tags: ['workspace'], body: UpdateWorkspaceInput, response: { 200: WorkspaceView, ...errorResponses } },
    },
    async (request) => {
      const row = await updateWorkspace(deps.ctx, {
        workspaceId: workspaceOf(request),
        input: request.body,
        actor: signedIn(request),
        ip: request.ip,
      });
      if (!row) throw notFound('Workspace');
      return presentWorkspace(row);
    },
  );
}
