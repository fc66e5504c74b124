import type { ServiceContext } from '../../platform/context.ts';
import { hashToken } from '../crypto.ts';
import type { Principal } from '../principal.ts';
import type { SessionPolicy } from './log-in.ts';

// Writing last_seen_at on every request would make every read a write; a minute's precision is enough for idle expiry.
const TOUCH_EVERY_MS = 60_000;

export type SessionCheck =
  | { ok: true; principal: Extract<Principal, { kind: 'user' }> }
  | { ok: false; reason: 'invalid' | 'expired' };

/** Turns a session cookie into a principal, enforcing revocation, idle expiry and absolute expiry. */
export async function resolveSession(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  token: string,
  policy: Pick<SessionPolicy, 'idleMs'>,
): Promise<SessionCheck> {
  const now = ctx.clock.now();
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as id',
      'sessions.workspace_id as workspace_id',
      'sessions.user_id as user_id',
      'sessions.last_seen_at as last_seen_at',
      'sessions.expires_at as expires_at',
      'sessions.revoked_at as revoked_at',
      'users.role as role',
      'users.disabled as disabled',
    ])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled === 1) return { ok: false, reason: 'invalid' };
  if (row.expires_at <= now || row.last_seen_at + policy.idleMs <= now) return { ok: false, reason: 'expired' };
  if (now - row.last_seen_at >= TOUCH_EVERY_MS) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', row.id).execute();
  }
  return {
    ok: true,
    principal: { kind: 'user', workspaceId: row.workspace_id, userId: row.user_id, role: row.role, sessionId: row.id },
  };
}

export async function revokeSession(ctx: Pick<ServiceContext, 'db' | 'clock'>, sessionId: string): Promise<void> {
  await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: ctx.clock.now() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}
