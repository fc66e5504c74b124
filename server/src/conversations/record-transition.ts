import type { Clock } from '../platform/clock.ts';
import { appendReportingEvent } from '../platform/reporting.ts';
import type { Actor, ConversationRecord, ConversationStatus } from './schema.ts';
import { assertTransition, assigneeAfter } from './status.ts';
import { type Executor, updateConversationStatus } from './store.ts';

/**
 * The widget asks its customer for a rating (CSAT, optional NPS) whenever their conversation is resolved; it is one
 * survey per conversation (submit-survey refuses a second answer), so a resolution after a reopen offers the same
 * survey again and reports count it once. Other channels have no survey to offer.
 */
export const WIDGET_SURVEY_ID = 'widget';

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
  if (request.to === 'resolved') await offerSurvey(trx, current, request.actor, now);
  return { conversation: updated, changed: true };
}

/** Records that the customer is being asked for a rating, in the transaction of the resolution that asks. */
async function offerSurvey(trx: Executor, conversation: ConversationRecord, actor: Actor, now: number) {
  const inbox = await trx
    .selectFrom('inboxes')
    .select('channel')
    .where('id', '=', conversation.inboxId)
    .executeTakeFirst();
  if (inbox?.channel !== 'web_widget') return;
  await appendReportingEvent(trx, {
    workspaceId: conversation.workspaceId,
    type: 'survey.offered',
    conversationId: conversation.id,
    actor,
    data: { surveyId: WIDGET_SURVEY_ID, kind: 'csat', channel: inbox.channel },
    at: now,
  });
}
