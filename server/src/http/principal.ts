import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import type { AuthenticatedPrincipal } from '../security/principal.ts';

/**
 * The workspace a request acts in always comes from its credential, never from the URL or body: another tenant's
 * ids simply do not resolve (404), whatever the caller sends.
 */
export function workspaceOf(request: FastifyRequest): string {
  return signedIn(request).workspaceId;
}

export function signedIn(request: FastifyRequest): AuthenticatedPrincipal {
  const principal = request.principal;
  if (principal.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
  return principal;
}
