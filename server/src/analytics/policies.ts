import type { PolicyTable } from '../security/policy.ts';

/**
 * Who sees the numbers. Agents read their own figures only (the routes pin every query to the signed-in agent);
 * supervisors and admins read everyone's and manage targets, scorecards, definitions and alerts. Auditors audit
 * access, not performance: they get none of it.
 */
export const analyticsPolicies = {
  'analytics.read': { roles: ['admin', 'supervisor', 'agent'] },
  'analytics.supervise': { roles: ['admin', 'supervisor'] },
  'analytics.manage': { roles: ['admin', 'supervisor'] },
} as const satisfies PolicyTable;
