import { z } from 'zod';
import { listTickets, TICKET_STATUSES } from '../../../tickets/store.ts';
import { workspaceOf } from '../../principal.ts';
import { errorResponses, IdOf } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';

const TicketView = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  priority: z.string(),
  subject: z.string(),
  fields: z.record(z.string(), z.string()),
  conversationId: z.string().nullable(),
  contactId: z.string().nullable(),
  createdAt: z.number(),
});
const ListTicketsQuery = z.strictObject({
  status: z.enum(TICKET_STATUSES).optional(),
  conversationId: IdOf('conv').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Tickets opened by the bot (complaints, messages left, call-backs), newest first. */
export async function ticketRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/v1/tickets',
    {
      config: { policy: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        querystring: ListTicketsQuery,
        response: { 200: z.object({ tickets: z.array(TicketView) }), ...errorResponses },
      },
    },
    async (request) => ({ tickets: await listTickets(deps.ctx.db, workspaceOf(request), request.query) }),
  );
}
