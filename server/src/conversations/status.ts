import { AppError } from '../platform/errors.ts';
import type { ConversationStatus } from './schema.ts';

/**
 * The conversation state machine, as data. `closed` is final: a customer who writes again gets a new conversation;
 * `resolved` reopens (to the queue or the bot) when the customer writes again.
 */
export const TRANSITIONS: Readonly<Record<ConversationStatus, readonly ConversationStatus[]>> = {
  bot: ['queued', 'resolved', 'closed'],
  queued: ['assigned', 'bot', 'resolved', 'closed'],
  // An agent may hand the conversation back to the bot once the customer's human need is met.
  assigned: ['assigned', 'queued', 'bot', 'resolved', 'closed'],
  resolved: ['queued', 'bot', 'closed'],
  closed: [],
};

export function canTransition(from: ConversationStatus, to: ConversationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ConversationStatus, to: ConversationStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('illegal_transition', `A conversation cannot go from ${from} to ${to}`, {
      details: { from, to },
    });
  }
}

/**
 * Who owns the conversation after a transition: `assigned` needs an assignee; going back to the queue or the bot
 * frees it; resolving or closing keeps the last assignee so reports can credit them.
 */
export function assigneeAfter(
  to: ConversationStatus,
  current: string | null,
  requested: string | null | undefined,
): string | null {
  if (to === 'assigned') {
    if (!requested) throw new AppError('validation_failed', 'assigneeId is required to assign a conversation');
    return requested;
  }
  if (to === 'queued' || to === 'bot') return null;
  return current;
}
