import { appendReportingEvent, type ReportingEvent } from '../platform/reporting.ts';
import type { MessageSignals } from './message-signals.ts';
import type { MessageRecord } from './schema.ts';
import type { Executor } from './store.ts';

/**
 * The `message.created` reporting event of a message just inserted, in the same transaction: every sender's message
 * (customer, agent, bot) is reported with the same fields, so reports never depend on which command stored it.
 */
export function appendMessageCreated(
  trx: Executor,
  message: MessageRecord,
  actor: ReportingEvent['actor'],
  signals: MessageSignals,
): Promise<string> {
  return appendReportingEvent(trx, {
    workspaceId: message.workspaceId,
    type: 'message.created',
    conversationId: message.conversationId,
    actor,
    data: {
      messageId: message.id,
      seq: message.seq,
      senderType: message.senderType,
      private: message.private,
      chars: message.text.length,
      ...signals,
    },
    at: message.createdAt,
  });
}
