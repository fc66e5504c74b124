import type { Db } from '../../platform/db/database.ts';
import { appendReportingEvent } from '../../platform/reporting.ts';
import type { ScenarioEvent } from './scenario.ts';

/** Appends scenario events to reporting_events the way emitters do (one per call, fresh ids). */
export async function appendEvents(db: Db, workspaceId: string, events: readonly ScenarioEvent[]): Promise<void> {
  for (const event of events) {
    await appendReportingEvent(db, {
      workspaceId,
      type: event.type,
      conversationId: event.conversationId,
      actor: { type: event.actor_type, id: event.actor_id },
      data: event.data,
      at: event.at,
    });
  }
}
