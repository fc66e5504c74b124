import type { Clock } from '../platform/clock.ts';
import { appendReportingEvent } from '../platform/reporting.ts';
import type { Actor, ConversationRecord, ConversationStatus } from './schema.ts';
import { assertTransition, assigneeAfter } from './status.ts';
import { type Executor, updateConversationStatus } from './store.ts';

export interface TransitionRequest {
  to: ConversationStatus;
  assigneeId?: string | null;
  actor: Actor;
  /** Why, for reports: `agent_replied`, `customer_wrote`, `manual` … */
  reason: string;
}

/**
 * Applies one legal transition inside the caller's transaction and appends its reporting event. Returns undefined
 * when the row changed since `current` was read (compare-and-set lost); the caller re-reads and decides again.
 * Assigning to the same agent again changes nothing and records nothing.
 */
export async function recordTransition(
  trx: Executor,
  clock: Clock,
  current: ConversationRecord,
  request: TransitionRequest,
): Promise<{ conversation: ConversationRecord; changed: boolean } | undefined> {
  assertTransition(current.status, request.to);
  const assigneeId = assigneeAfter(request.to, current.assigneeId, request.assigneeId);
  if (request.to === current.status && assigneeId === current.assigneeId)
    return { conversation: current, changed: false };
  const now = clock.now();
  const updated = await updateConversationStatus(trx, current.workspaceId, current, {
    status: request.to,
    assigneeId,
    now,
  });
  if (!updated) return undefined;
  await appendReportingEvent(trx, {
    workspaceId: current.workspaceId,
    type: 'conversation.transitioned',
    conversationId: current.id,
    actor: request.actor,
    data: {
      from: current.status,
      to: request.to,
      assigneeId,
      previousAssigneeId: current.assigneeId,
      reason: request.reason,
    },
    at: now,
  });
  return { conversation: updated, changed: true };
}
