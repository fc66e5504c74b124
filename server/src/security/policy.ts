import { AppError } from '../platform/errors.ts';
import type { Principal } from './principal.ts';
import type { Role, TokenScope } from './roles.ts';

/**
 * A declarative rule for one action. Each module lists its rules in its own `policies.ts`; every HTTP route and WS
 * message names exactly one rule, and a test fails when one does not.
 */
export interface Policy {
  /** Anyone, signed in or not (health checks, login, the widget's bootstrap). */
  public?: true;
  /** Console users holding one of these roles. */
  roles?: readonly Role[];
  /** Integration tokens carrying this scope. */
  scope?: TokenScope;
  /** Widget visitors (signed visitor tokens). */
  visitor?: true;
}

export type PolicyTable = Record<string, Policy>;

export function isAllowed(policy: Policy, principal: Principal): boolean {
  if (policy.public) return true;
  switch (principal.kind) {
    case 'user':
      return policy.roles?.includes(principal.role) ?? false;
    case 'token':
      return policy.scope !== undefined && principal.scopes.includes(policy.scope);
    case 'visitor':
      return policy.visitor === true;
    default:
      return false;
  }
}

/** Throws the right error: 401 when nobody is signed in, 403 when the signed-in principal may not act. */
export function assertAllowed(policy: Policy, principal: Principal, action: string): void {
  if (isAllowed(policy, principal)) return;
  if (principal.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
  throw new AppError('forbidden', `Not allowed: ${action}`);
}
