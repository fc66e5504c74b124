import { notFound } from '../../platform/errors.ts';
import { recordAudit } from '../../security/audit.ts';
import { findAssignment } from '../assignment-store.ts';
import { ROUTING_TOPICS } from '../events.ts';
import type { RoutingDeps } from '../ports.ts';
import { publishRouting } from '../publish.ts';

/**
 * A supervisor joins a conversation silently: they watch live and may write internal notes, the customer is not
 * told. Audited, because it is access to a conversation the supervisor does not hold; announced to staff only.
 */
export async function joinSilently(
  deps: RoutingDeps,
  options: { workspaceId: string; conversationId: string; supervisorId: string },
) {
  const holder = await findAssignment(deps.ctx.db, options.workspaceId, options.conversationId);
  if (!holder) throw notFound('Assigned conversation');
  await recordAudit(deps.ctx.db, {
    workspaceId: options.workspaceId,
    actor: { type: 'user', id: options.supervisorId },
    action: 'routing.silent_join',
    target: { type: 'conversation', id: options.conversationId },
    details: { agentId: holder.user_id },
    at: deps.ctx.clock.now(),
  });
  await publishRouting(deps.ctx, ROUTING_TOPICS.silentJoin, options.workspaceId, {
    conversationId: options.conversationId,
    supervisorId: options.supervisorId,
    agentId: holder.user_id,
  });
  return { agentId: holder.user_id };
}
