import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../security/audit.ts';
import { logIn } from '../../../security/commands/log-in.ts';
import { revokeSession } from '../../../security/commands/resolve-session.ts';
import { csrfTokenFor } from '../../../security/csrf.ts';
import { findUser, findWorkspace } from '../../../security/store.ts';
import { SESSION_COOKIE } from '../../authenticate.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { LoginBody, Me } from './schema.ts';

/** Secure cookies need https; browsers also treat localhost as secure, so local demos work with the flag on. */
function secureCookie(request: FastifyRequest, forced: boolean | undefined): boolean {
  if (forced !== undefined) return forced;
  return request.protocol === 'https' || ['localhost', '127.0.0.1', '[::1]'].includes(request.hostname);
}

async function presentMe(deps: AppDeps, workspaceId: string, userId: string, sessionId: string) {
  const [user, workspace] = await Promise.all([
    findUser(deps.ctx.db, workspaceId, userId),
    findWorkspace(deps.ctx.db, workspaceId),
  ]);
  if (!user || !workspace) throw new AppError('unauthenticated', 'Sign in first');
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale },
    workspace: {
      id: workspace.id,
      name: workspace.name,
      widgetKey: workspace.widget_key,
      defaultLocale: workspace.default_locale,
    },
    csrfToken: csrfTokenFor(deps.ctx.secret, sessionId),
  };
}

export async function authRoutes(app: App, deps: AppDeps): Promise<void> {
  const { config } = deps;
  app.post(
    '/api/v1/auth/login',
    {
      config: { policy: 'public' },
      schema: { tags: ['auth'], body: LoginBody, response: { 200: Me, 423: errorResponses[401], ...errorResponses } },
    },
    async (request, reply) => {
      const session = await logIn(deps.ctx, {
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        policy: {
          idleMs: config.sessionIdleMinutes * 60_000,
          absoluteMs: config.sessionMaxHours * 3_600_000,
          maxFailures: config.loginMaxFailures,
          lockoutMs: config.lockoutMinutes * 60_000,
        },
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie(request, config.cookieSecure),
        path: '/',
        maxAge: config.sessionMaxHours * 3600,
      });
      return presentMe(deps, session.user.workspace_id, session.user.id, session.session.id);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { config: { policy: 'auth.me' }, schema: { tags: ['auth'], response: { 200: Me, ...errorResponses } } },
    async (request) => {
      const principal = request.principal;
      if (principal.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
      return presentMe(deps, principal.workspaceId, principal.userId, principal.sessionId);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { policy: 'auth.logout' },
      schema: { tags: ['auth'], response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses } },
    },
    async (request, reply) => {
      const principal = request.principal;
      if (principal.kind === 'user') {
        await revokeSession(deps.ctx, principal.sessionId);
        await recordAudit(deps.ctx.db, {
          workspaceId: principal.workspaceId,
          actor: { type: 'user', id: principal.userId },
          action: 'auth.logout',
          ip: request.ip,
          at: deps.ctx.clock.now(),
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
}
