import type { ServiceContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit.ts';
import { actorOf, type Principal } from '../principal.ts';
import type { Role } from '../roles.ts';
import { findUser } from '../store.ts';

export interface ChangeUserRoleOptions {
  workspaceId: string;
  userId: string;
  role?: Role;
  disabled?: boolean;
  actor: Principal;
  ip?: string | null;
}

/** Changes a user's role or disables them; ends their sessions when access shrinks. Audited. */
export async function changeUserAccess(ctx: Pick<ServiceContext, 'db' | 'clock'>, options: ChangeUserRoleOptions) {
  const user = await findUser(ctx.db, options.workspaceId, options.userId);
  if (!user) throw notFound('User');
  if (options.actor.kind === 'user' && options.actor.userId === user.id && options.role && options.role !== user.role) {
    throw new AppError('conflict', 'You cannot change your own role');
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        ...(options.role ? { role: options.role } : {}),
        ...(options.disabled !== undefined ? { disabled: options.disabled ? 1 : 0 } : {}),
        updated_at: now,
      })
      .where('id', '=', user.id)
      .execute();
    await trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .execute();
    await recordAudit(trx, {
      workspaceId: options.workspaceId,
      actor: actorOf(options.actor),
      action: 'user.access_changed',
      target: { type: 'user', id: user.id },
      ip: options.ip,
      details: {
        from: { role: user.role, disabled: user.disabled === 1 },
        to: { role: options.role, disabled: options.disabled },
      },
      at: now,
    });
  });
  return findUser(ctx.db, options.workspaceId, user.id);
}
