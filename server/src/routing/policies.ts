import type { PolicyTable } from '../security/policy.ts';

const STAFF = ['admin', 'supervisor', 'agent'] as const;
const LEADS = ['admin', 'supervisor'] as const;

/** Who may do what with the queue: agents work their own line, supervisors steer it, admins configure it. */
export const routingPolicies = {
  /** The waiting line an agent can serve, and their own conversations. */
  'routing.queue.read': { roles: STAFF, scope: 'conversations:read' },
  /** Taking a waiting conversation, transferring or escalating one's own. */
  'routing.work': { roles: STAFF },
  /** Every team's line, agents' status and load, service level; reassign, take over, join silently, switch plans. */
  'routing.supervise': { roles: LEADS },
  /** Agent profiles (skills, capacity, teams) and surge plans. */
  'routing.manage': { roles: LEADS },
  /** Weights, strategy, teams and business hours. */
  'routing.configure': { roles: ['admin'] },
  /** The widget asks whether a surge plan is on and where the customer stands. */
  'routing.widget_status': { visitor: true },
} as const satisfies PolicyTable;
