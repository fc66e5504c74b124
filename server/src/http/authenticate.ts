import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { ServiceContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { looksLikeApiToken, resolveApiToken } from '../security/commands/api-tokens.ts';
import { resolveSession } from '../security/commands/resolve-session.ts';
import type { Principal } from '../security/principal.ts';
import { verifyVisitorToken } from '../security/visitor-token.ts';

export const SESSION_COOKIE = 'lx_session';

export interface Credentials {
  sessionCookie?: string;
  bearer?: string;
}

/** Reads the credentials a request carries: a console session cookie, or a Bearer API/visitor token. */
export function credentialsOf(request: FastifyRequest): Credentials {
  const header = request.headers.authorization;
  const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : queryToken(request);
  return { sessionCookie: request.cookies?.[SESSION_COOKIE], bearer };
}

/**
 * Browsers cannot set headers on a WebSocket, so the realtime route alone also takes the token as `?token=`.
 * Elsewhere a token in the URL would leak into logs and Referer headers, so it is ignored.
 */
export const REALTIME_PATH = '/api/v1/ws';

function queryToken(request: FastifyRequest): string | undefined {
  if (request.routeOptions.url !== REALTIME_PATH) return undefined;
  const token = (request.query as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * The one authentication routine of HTTP and WS alike. A credential that is present but wrong is an error (401 with
 * a code saying why), not a silent downgrade to anonymous, so clients learn to sign in again.
 */
export async function authenticate(ctx: ServiceContext, config: Config, credentials: Credentials): Promise<Principal> {
  if (credentials.bearer) {
    if (looksLikeApiToken(credentials.bearer)) {
      const check = await resolveApiToken(ctx, credentials.bearer);
      if (check.ok) return check.principal;
      throw new AppError(check.reason === 'expired' ? 'token_expired' : 'token_invalid', `API token ${check.reason}`);
    }
    const check = verifyVisitorToken(ctx.secret, credentials.bearer, ctx.clock.now());
    if (!check.ok) {
      throw new AppError(
        check.reason === 'expired' ? 'token_expired' : 'token_invalid',
        `Visitor token ${check.reason}`,
      );
    }
    const { ws, inb, ctc, vis } = check.claims;
    return { kind: 'visitor', workspaceId: ws, inboxId: inb, contactId: ctc, visitorId: vis };
  }
  if (credentials.sessionCookie) {
    const check = await resolveSession(ctx, credentials.sessionCookie, { idleMs: config.sessionIdleMinutes * 60_000 });
    if (check.ok) return check.principal;
    throw new AppError('session_expired', 'Your session has ended; sign in again');
  }
  return { kind: 'anonymous' };
}
