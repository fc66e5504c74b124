import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit.ts';
import { actorOf, type Principal } from '../principal.ts';
import { findWorkspace } from '../store.ts';

export const UpdateWorkspaceInput = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    defaultLocale: z.enum(['zh-CN', 'en']).optional(),
  })
  .refine((input) => Object.keys(input).length > 0, 'give at least one field to change');
export type UpdateWorkspaceInput = z.infer<typeof UpdateWorkspaceInput>;

export interface UpdateWorkspaceOptions {
  workspaceId: string;
  input: UpdateWorkspaceInput;
  actor: Principal;
  ip?: string | null;
}

/** Changes a workspace's configuration; the change and its before/after values go to the audit trail. */
export async function updateWorkspace(ctx: Pick<ServiceContext, 'db' | 'clock'>, options: UpdateWorkspaceOptions) {
  const before = await findWorkspace(ctx.db, options.workspaceId);
  if (!before) throw notFound('Workspace');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('workspaces')
      .set({
        ...(options.input.name !== undefined ? { name: options.input.name } : {}),
        ...(options.input.defaultLocale !== undefined ? { default_locale: options.input.defaultLocale } : {}),
      })
      .where('id', '=', options.workspaceId)
      .execute();
    await recordAudit(trx, {
      workspaceId: options.workspaceId,
      actor: actorOf(options.actor),
      action: 'workspace.configuration_changed',
      target: { type: 'workspace', id: options.workspaceId },
      ip: options.ip,
      details: {
        from: { name: before.name, defaultLocale: before.default_locale },
        to: options.input,
      },
      at: now,
    });
  });
  return findWorkspace(ctx.db, options.workspaceId);
}
