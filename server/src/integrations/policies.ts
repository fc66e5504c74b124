import type { PolicyTable } from '../security/policy.ts';

/** Outbound webhooks carry customer data out of the system: admins only. */
export const integrationPolicies = {
  'webhooks.manage': { roles: ['admin'] },
} as const satisfies PolicyTable;
