import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';
import { insertTicket, TICKET_KINDS, TICKET_PRIORITIES, type TicketTable } from '../store.ts';

export interface OpenTicketOptions {
  workspaceId: string;
  /** Chosen by the requester (tkt_…), so the same request delivered twice opens one ticket. */
  id: string;
  kind: TicketTable['kind'];
  priority: TicketTable['priority'];
  subject: string;
  fields: Record<string, string>;
  conversationId?: string | null;
  contactId?: string | null;
}

/** Opens a ticket once; returns false when a ticket with this id was opened already. */
export async function openTicket(ctx: ServiceContext, options: OpenTicketOptions): Promise<boolean> {
  if (!isId(options.id, 'tkt')) throw new AppError('validation_failed', 'A ticket id is tkt_…');
  if (!TICKET_KINDS.includes(options.kind) || !TICKET_PRIORITIES.includes(options.priority)) {
    throw new AppError('validation_failed', 'Unknown ticket kind or priority');
  }
  const now = ctx.clock.now();
  const fields = Object.fromEntries(
    Object.entries(options.fields).map(([k, v]) => [k.slice(0, 50), String(v).slice(0, 2000)]),
  );
  return insertTicket(ctx.db, {
    id: options.id,
    workspace_id: options.workspaceId,
    kind: options.kind,
    status: 'open',
    priority: options.priority,
    subject: options.subject.slice(0, 200),
    fields,
    conversation_id: options.conversationId ?? null,
    contact_id: options.contactId ?? null,
    created_at: now,
    updated_at: now,
  });
}
