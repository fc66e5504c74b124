import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import { fromJson, toJson } from '../../platform/db/dialect.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit.ts';
import { hashToken, randomToken } from '../crypto.ts';
import { actorOf, type Principal } from '../principal.ts';
import { TOKEN_SCOPES, type TokenScope } from '../roles.ts';

export const CreateApiTokenInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>;

const TOKEN_PREFIX = 'lx_';

/** Creates an integration token. The secret is returned once; only its hash is stored. Audited. */
export async function createApiToken(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  options: { workspaceId: string; input: CreateApiTokenInput; actor: Principal; ip?: string | null },
) {
  const now = ctx.clock.now();
  const secret = `${TOKEN_PREFIX}${randomToken(32)}`;
  const row = {
    id: newId('tok'),
    workspace_id: options.workspaceId,
    name: options.input.name,
    token_hash: hashToken(secret),
    scopes: toJson([...new Set(options.input.scopes)]),
    created_by: actorOf(options.actor).id ?? 'system',
    created_at: now,
    expires_at: options.input.expiresInDays ? now + options.input.expiresInDays * 86_400_000 : null,
    last_used_at: null,
    revoked_at: null,
  };
  await ctx.db.insertInto('api_tokens').values(row).execute();
  await recordAudit(ctx.db, {
    workspaceId: options.workspaceId,
    actor: actorOf(options.actor),
    action: 'api_token.created',
    target: { type: 'api_token', id: row.id },
    ip: options.ip,
    details: { name: row.name, scopes: options.input.scopes },
    at: now,
  });
  return { token: secret, record: row };
}

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX);
}

export type ApiTokenCheck =
  | { ok: true; principal: Extract<Principal, { kind: 'token' }> }
  | { ok: false; reason: 'invalid' | 'expired' };

export async function resolveApiToken(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  secret: string,
): Promise<ApiTokenCheck> {
  const row = await ctx.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', hashToken(secret))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return { ok: false, reason: 'invalid' };
  const now = ctx.clock.now();
  if (row.expires_at !== null && row.expires_at <= now) return { ok: false, reason: 'expired' };
  if (row.last_used_at === null || now - row.last_used_at > 60_000) {
    await ctx.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return {
    ok: true,
    principal: {
      kind: 'token',
      workspaceId: row.workspace_id,
      tokenId: row.id,
      scopes: fromJson<TokenScope[]>(row.scopes, []),
    },
  };
}

export async function revokeApiToken(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  options: { workspaceId: string; tokenId: string; actor: Principal; ip?: string | null },
) {
  const now = ctx.clock.now();
  const result = await ctx.db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('workspace_id', '=', options.workspaceId)
    .where('id', '=', options.tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('API token');
  await recordAudit(ctx.db, {
    workspaceId: options.workspaceId,
    actor: actorOf(options.actor),
    action: 'api_token.revoked',
    target: { type: 'api_token', id: options.tokenId },
    ip: options.ip,
    at: now,
  });
}

export function listApiTokens(ctx: Pick<ServiceContext, 'db'>, workspaceId: string) {
  return ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scopes', 'created_by', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .execute();
}
