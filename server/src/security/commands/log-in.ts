import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit.ts';
import { hashToken, randomToken } from '../crypto.ts';
import { csrfTokenFor } from '../csrf.ts';
import { decoyPasswordHash, verifyPassword } from '../passwords.ts';
import { findUserByEmail } from '../store.ts';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  maxFailures: number;
  lockoutMs: number;
}

export interface LogInOptions {
  email: string;
  password: string;
  ip?: string | null;
  userAgent?: string | null;
  policy: SessionPolicy;
}

/**
 * Checks the password and opens a console session. After `maxFailures` wrong passwords in a row the account is locked
 * for `lockoutMs`; unknown e-mails cost the same time as wrong passwords so they cannot be enumerated.
 */
export async function logIn(ctx: Pick<ServiceContext, 'db' | 'clock' | 'secret'>, options: LogInOptions) {
  const now = ctx.clock.now();
  const user = await findUserByEmail(ctx.db, options.email);
  const audit = (workspaceId: string | null, outcome: 'success' | 'failure', reason?: string) =>
    recordAudit(ctx.db, {
      workspaceId,
      actor: { type: 'user', id: user?.id ?? null },
      action: 'auth.login',
      target: user ? { type: 'user', id: user.id } : undefined,
      outcome,
      ip: options.ip,
      userAgent: options.userAgent,
      details: { email: options.email.slice(0, 254), ...(reason ? { reason } : {}) },
      at: now,
    });

  if (!user) {
    await verifyPassword(await decoyPasswordHash(), options.password);
    await audit(null, 'failure', 'unknown_email');
    throw new AppError('invalid_credentials', 'Wrong e-mail or password');
  }
  if (user.locked_until !== null && user.locked_until > now) {
    await audit(user.workspace_id, 'failure', 'locked');
    throw new AppError('account_locked', 'Too many failed sign-ins; try again later', {
      details: { retryAfterSeconds: Math.ceil((user.locked_until - now) / 1000) },
    });
  }
  const passwordOk = await verifyPassword(user.password_hash, options.password);
  if (!passwordOk || user.disabled === 1) {
    const failures = user.failed_logins + 1;
    const locks = failures >= options.policy.maxFailures;
    await ctx.db
      .updateTable('users')
      .set({
        failed_logins: locks ? 0 : failures,
        locked_until: locks ? now + options.policy.lockoutMs : user.locked_until,
      })
      .where('id', '=', user.id)
      .execute();
    await audit(
      user.workspace_id,
      'failure',
      user.disabled === 1 ? 'disabled' : locks ? 'locked_now' : 'wrong_password',
    );
    throw new AppError('invalid_credentials', 'Wrong e-mail or password');
  }

  const token = randomToken(32);
  const session = {
    id: newId('ses'),
    workspace_id: user.workspace_id,
    user_id: user.id,
    token_hash: hashToken(token),
    ip: options.ip ?? null,
    user_agent: options.userAgent?.slice(0, 500) ?? null,
    created_at: now,
    last_seen_at: now,
    expires_at: now + options.policy.absoluteMs,
    revoked_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('sessions').values(session).execute();
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  });
  await audit(user.workspace_id, 'success');
  return { token, session, user, csrfToken: csrfTokenFor(ctx.secret, session.id) };
}
