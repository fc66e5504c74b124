import type { PolicyTable } from './policy.ts';

/** Who may act on identity, tokens and the audit trail. */
export const securityPolicies = {
  'auth.me': { roles: ['admin', 'supervisor', 'agent', 'kb_editor', 'kb_reviewer', 'auditor'] },
  'auth.logout': { roles: ['admin', 'supervisor', 'agent', 'kb_editor', 'kb_reviewer', 'auditor'] },
  'users.list': { roles: ['admin', 'supervisor'], scope: 'users:read' },
  'users.manage': { roles: ['admin'] },
  'tokens.manage': { roles: ['admin'] },
  'audit.read': { roles: ['admin', 'auditor'], scope: 'audit:read' },
  'workspace.manage': { roles: ['admin'] },
  'workspace.read': { roles: ['admin', 'supervisor', 'agent', 'kb_editor', 'kb_reviewer', 'auditor'] },
} as const satisfies PolicyTable;
