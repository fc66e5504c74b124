import { z } from 'zod';
import { fromJson } from '../../../platform/db/dialect.ts';
import {
  CreateApiTokenInput,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from '../../../security/commands/api-tokens.ts';
import { TOKEN_SCOPES } from '../../../security/roles.ts';
import { signedIn, workspaceOf } from '../../principal.ts';
import { errorResponses, IdOf } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';

const TokenView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  createdAt: z.number(),
  expiresAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
  revoked: z.boolean(),
});

function presentToken(row: {
  id: string;
  name: string;
  scopes: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}): z.infer<typeof TokenView> {
  return {
    id: row.id,
    name: row.name,
    scopes: fromJson(row.scopes, []),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revoked: row.revoked_at !== null,
  };
}

export async function tokenRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/v1/api-tokens',
    {
      config: { policy: 'tokens.manage' },
      schema: { tags: ['api tokens'], response: { 200: z.object({ tokens: z.array(TokenView) }), ...errorResponses } },
    },
    async (request) => ({ tokens: (await listApiTokens(deps.ctx, workspaceOf(request))).map(presentToken) }),
  );

  app.post(
    '/api/v1/api-tokens',
    {
      config: { policy: 'tokens.manage' },
      schema: {
        tags: ['api tokens'],
        body: CreateApiTokenInput,
        response: { 201: z.object({ token: z.string(), record: TokenView }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(deps.ctx, {
        workspaceId: workspaceOf(request),
        input: request.body,
        actor: signedIn(request),
        ip: request.ip,
      });
      return reply.status(201).send({ token: created.token, record: presentToken(created.record) });
    },
  );

  app.delete(
    '/api/v1/api-tokens/:tokenId',
    {
      config: { policy: 'tokens.manage' },
      schema: {
        tags: ['api tokens'],
        params: z.strictObject({ tokenId: IdOf('tok') }),
        response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
      },
    },
    async (request) => {
      await revokeApiToken(deps.ctx, {
        workspaceId: workspaceOf(request),
        tokenId: request.params.tokenId,
        actor: signedIn(request),
        ip: request.ip,
      });
      return { ok: true as const };
    },
  );
}
