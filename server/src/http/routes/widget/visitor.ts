import { AppError } from '../../../platform/errors.ts';
import type { Principal } from '../../../security/principal.ts';

export type VisitorPrincipal = Extract<Principal, { kind: 'visitor' }>;

/** The widget's routes serve visitors only; the policy admits no one else, this narrows the type. */
export function visitorOf(principal: Principal): VisitorPrincipal {
  if (principal.kind !== 'visitor') throw new AppError('forbidden', 'Only widget visitors may do this');
  return principal;
}
