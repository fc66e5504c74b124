import type { Actor, SenderType } from '../../../conversations/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Principal } from '../../../security/principal.ts';

/** Who acts, for reporting events, from the credential of a request or socket. */
export function actorFor(principal: Principal): Actor {
  switch (principal.kind) {
    case 'user':
      return { type: 'user', id: principal.userId };
    case 'token':
      return { type: 'token', id: principal.tokenId };
    case 'visitor':
      return { type: 'contact', id: principal.contactId };
    default:
      throw new AppError('unauthenticated', 'Sign in first');
  }
}

/** Who a message is from: customers write as the contact; staff and integrations write as the agent side. */
export function senderFor(principal: Principal): { type: SenderType; id: string | null } {
  switch (principal.kind) {
    case 'user':
      return { type: 'agent', id: principal.userId };
    case 'token':
      return { type: 'agent', id: principal.tokenId };
    case 'visitor':
      return { type: 'contact', id: principal.contactId };
    default:
      throw new AppError('unauthenticated', 'Sign in first');
  }
}
