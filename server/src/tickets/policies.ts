import type { PolicyTable } from '../security/policy.ts';

/** Staff read tickets (the full ticket module adds working on them). */
export const ticketPolicies = {
  'tickets.read': { roles: ['admin', 'supervisor', 'agent'], scope: 'conversations:read' },
} as const satisfies PolicyTable;
