import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { isValidCsrfToken } from '../security/csrf.ts';
import { assertAllowed } from '../security/policy.ts';
import { authenticate, credentialsOf, REALTIME_PATH } from './authenticate.ts';
import { policyFor } from './policies.ts';
import type { AppDeps } from './types.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: string | undefined;
  static: boolean;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Built assets hold no data; @fastify/static registers their routes without our config, hence the prefixes. */
function isStaticRoute(url: string | undefined, flagged: boolean | undefined): boolean {
  return flagged === true || url === undefined || url.startsWith('/console/') || url.startsWith('/widget/');
}

/** Refuses to register a route without a known policy: a forgotten check fails at start, not in production. */
export function checkRoutePolicy(route: RouteOptions, registry: RegisteredRoute[]): void {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const policy = route.config?.policy;
  const isStatic = isStaticRoute(route.url, route.config?.static);
  for (const method of methods) registry.push({ method, url: route.url, policy, static: isStatic });
  if (route.url.startsWith('/api/docs') || isStatic) return;
  if (!policy || !policyFor(policy)) {
    throw new Error(`Route ${methods.join(',')} ${route.url} has no known policy (config.policy = ${String(policy)})`);
  }
}

/**
 * Runs before every handler: authenticates, checks the route's policy, and checks the CSRF token on unsafe requests
 * made with a session cookie.
 */
export function createGuard(deps: AppDeps) {
  const guard = async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const name = request.routeOptions.config?.policy;
    const policy = name ? policyFor(name) : undefined;
    if (!policy) {
      request.principal = { kind: 'anonymous' };
      const url = request.routeOptions.url;
      if (isStaticRoute(url, request.routeOptions.config?.static) || url?.startsWith('/api/docs')) return;
      throw new AppError('not_found', 'Route not found');
    }
    try {
      request.principal = await authenticate(deps.ctx, deps.config, credentialsOf(request));
    } catch (error) {
      // A stale cookie must not keep anyone from a public page such as the login form.
      if (!policy.public) throw error;
      request.principal = { kind: 'anonymous' };
    }
    assertAllowed(policy, request.principal, name as string);
    const principal = request.principal;
    if (principal.kind === 'user' && UNSAFE.has(request.method) && !policy.public) {
      const token = request.headers['x-csrf-token'];
      if (!isValidCsrfToken(deps.ctx.secret, principal.sessionId, typeof token === 'string' ? token : undefined)) {
        throw new AppError('csrf_failed', 'Missing or wrong CSRF token (x-csrf-token header)');
      }
    }
  };
  return {
    /** For every route but the realtime one. */
    onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
      // @fastify/websocket can only refuse an upgrade cleanly from a preHandler; the realtime route runs `check` there.
      if (request.routeOptions.url === REALTIME_PATH) return;
      await guard(request, reply);
    },
    check: guard,
  };
}
