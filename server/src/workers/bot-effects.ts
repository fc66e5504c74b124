import type { TicketRequest } from '../bot/index.ts';
import { localeOf } from '../bot/respond.ts';
import { TEXTS } from '../bot/texts.ts';
import { receiveMessage } from '../conversations/commands/receive-message.ts';
import type { ConversationUpdatedPayload } from '../conversations/events.ts';
import type { BusEvent } from '../platform/bus/bus.ts';
import type { ServiceContext } from '../platform/context.ts';
import { leaveQueue } from '../routing/commands/enqueue-conversation.ts';
import { openTicket } from '../tickets/commands/open-ticket.ts';

interface Subscriber {
  subscribe(topic: string, handler: (event: BusEvent, topic: string) => void | Promise<void>): () => void;
}

/**
 * The bot's effects on modules that conversations may not call: a ticket the bot asked for is opened (once, by its
 * id), a conversation that stops waiting leaves the hand-off queue, and a conversation handed back to the bot gets a
 * word from it.
 */
export function startBotEffects(ctx: ServiceContext, bus: Subscriber): () => void {
  const stops = [
    bus.subscribe('conversation.ticket_requested', async (event) => {
      const { ticket, conversationId, contactId } = event.payload as {
        ticket: TicketRequest;
        conversationId: string;
        contactId: string;
      };
      await openTicket(ctx, {
        workspaceId: event.workspaceId,
        id: ticket.id,
        kind: ticket.kind,
        priority: ticket.priority,
        subject: ticket.subject,
        fields: ticket.fields,
        conversationId,
        contactId,
      });
    }),
    bus.subscribe('conversation.updated', async (event) => {
      const { conversation, change } = event.payload as ConversationUpdatedPayload;
      if (!change) return;
      if (change.from === 'queued' && change.to !== 'queued') await leaveQueue(ctx, event.workspaceId, conversation.id);
      if (change.to === 'bot' && (change.from === 'assigned' || change.from === 'queued')) {
        await sayHandedBack(ctx, event, conversation);
      }
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

async function sayHandedBack(
  ctx: ServiceContext,
  event: BusEvent,
  conversation: ConversationUpdatedPayload['conversation'],
) {
  const locale = localeOf(conversation.language, 'zh');
  await receiveMessage(ctx, {
    workspaceId: event.workspaceId,
    target: { conversationId: conversation.id },
    sender: { type: 'bot', id: null },
    actor: { type: 'bot', id: null },
    clientMessageId: `bot-handback-${event.id}`,
    text: TEXTS.handedBack[locale],
    meta: { bot: { decision: 'handed_back', reason: 'agent_handed_back', evidence: null } },
  });
}
