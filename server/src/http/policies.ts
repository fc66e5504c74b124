import { analyticsPolicies } from '../analytics/policies.ts';
import { botPolicies } from '../bot/policies.ts';
import { conversationPolicies } from '../conversations/policies.ts';
import { integrationPolicies } from '../integrations/policies.ts';
import { acquisitionPolicies } from '../knowledge/acquisition/policies.ts';
import { knowledgePolicies } from '../knowledge/policies.ts';
import { routingPolicies } from '../routing/policies.ts';
import { securityPolicies } from '../security/policies.ts';
import type { Policy } from '../security/policy.ts';
import { ticketPolicies } from '../tickets/policies.ts';

/**
 * Every module's policy table in one place. Routes and WS messages name a key of this table; the app refuses to
 * register a route whose policy is missing or unknown, and a test walks every route to prove it.
 */
export const POLICIES = {
  public: { public: true },
  ...securityPolicies,
  ...conversationPolicies,
  ...routingPolicies,
  ...botPolicies,
  ...ticketPolicies,
  ...integrationPolicies,
  ...knowledgePolicies,
  ...acquisitionPolicies,
  ...analyticsPolicies,
} as const satisfies Record<string, Policy>;

export type PolicyName = keyof typeof POLICIES;

export function policyFor(name: string): Policy | undefined {
  return (POLICIES as Record<string, Policy>)[name];
}
