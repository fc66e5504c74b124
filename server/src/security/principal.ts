import type { Role, TokenScope } from './roles.ts';

/** Who is making a request or sending a WS message, resolved once by the edge and checked by policies. */
export type Principal =
  | { kind: 'user'; workspaceId: string; userId: string; role: Role; sessionId: string }
  | { kind: 'token'; workspaceId: string; tokenId: string; scopes: TokenScope[] }
  | { kind: 'visitor'; workspaceId: string; contactId: string; inboxId: string; visitorId: string }
  | { kind: 'anonymous' };

export type AuthenticatedPrincipal = Exclude<Principal, { kind: 'anonymous' }>;

/** The id recorded as the actor in audit entries and reporting events. */
export function actorOf(principal: Principal): { type: Principal['kind']; id: string | null } {
  switch (principal.kind) {
    case 'user':
      return { type: 'user', id: principal.userId };
    case 'token':
      return { type: 'token', id: principal.tokenId };
    case 'visitor':
      return { type: 'visitor', id: principal.contactId };
    default:
      return { type: 'anonymous', id: null };
  }
}
