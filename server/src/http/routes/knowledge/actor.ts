import type { FastifyRequest } from 'fastify';
import type { KbActor } from '../../../knowledge/schema.ts';
import { signedIn } from '../../principal.ts';

/** Who acts on the knowledge base, from the request's credential. */
export function kbActorOf(request: FastifyRequest): KbActor {
  const principal = signedIn(request);
  if (principal.kind === 'user') return { type: 'user', id: principal.userId };
  if (principal.kind === 'token') return { type: 'token', id: principal.tokenId };
  return { type: 'system', id: null };
}

/** Reviewers and admins may publish; their rollbacks to a published version go live at once. */
export function mayPublish(request: FastifyRequest): boolean {
  const principal = signedIn(request);
  return principal.kind === 'user' && (principal.role === 'admin' || principal.role === 'kb_reviewer');
}
