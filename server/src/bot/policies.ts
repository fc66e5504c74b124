import type { PolicyTable } from '../security/policy.ts';

/** Who may see and change the bot: supervisors read its configuration, admins change it. */
export const botPolicies = {
  'bot.read': { roles: ['admin', 'supervisor'] },
  'bot.manage': { roles: ['admin'] },
} as const satisfies PolicyTable;
