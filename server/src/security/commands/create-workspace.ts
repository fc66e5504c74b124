import type { ServiceContext } from '../../platform/context.ts';
import { toJson } from '../../platform/db/dialect.ts';
import { newId } from '../../platform/ids.ts';
import { randomToken } from '../crypto.ts';

export interface CreateWorkspaceOptions {
  name: string;
  defaultLocale?: 'zh-CN' | 'en';
  settings?: Record<string, unknown>;
}

/** A tenant. Its widget key is public (it sits in the embedding page's script tag) and only opens the widget. */
export async function createWorkspace(ctx: Pick<ServiceContext, 'db' | 'clock'>, options: CreateWorkspaceOptions) {
  const workspace = {
    id: newId('ws'),
    name: options.name,
    widget_key: `wk_${randomToken(18)}`,
    default_locale: options.defaultLocale ?? 'zh-CN',
    settings: toJson(options.settings ?? {}),
    paused_at: null,
    created_at: ctx.clock.now(),
  };
  await ctx.db.insertInto('workspaces').values(workspace).execute();
  return workspace;
}
