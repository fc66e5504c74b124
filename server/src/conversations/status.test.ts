import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import { CONVERSATION_STATUSES } from './schema.ts';
import { assertTransition, assigneeAfter, canTransition, TRANSITIONS } from './status.ts';

describe('conversation state machine', () => {
  it('allows exactly the transitions of the contract', () => {
    const legal = CONVERSATION_STATUSES.flatMap((from) =>
      CONVERSATION_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(legal.sort()).toEqual(
      [
        'bot→queued',
        'bot→resolved',
        'bot→closed',
        'queued→assigned',
        'queued→bot',
        'queued→resolved',
        'queued→closed',
        'assigned→assigned',
        'assigned→queued',
        'assigned→bot',
        'assigned→resolved',
        'assigned→closed',
        'resolved→queued',
        'resolved→bot',
        'resolved→closed',
      ].sort(),
    );
    expect(TRANSITIONS.closed).toEqual([]);
  });

  it('refuses an illegal move with a 409 naming both ends', () => {
    try {
      assertTransition('closed', 'queued');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(409);
      expect((error as AppError).code).toBe('illegal_transition');
      expect((error as AppError).details).toEqual({ from: 'closed', to: 'queued' });
    }
  });

  it('needs an assignee to assign, frees it when going back to the queue, keeps it when resolving', () => {
    expect(() => assigneeAfter('assigned', null, undefined)).toThrow(/assigneeId/);
    expect(assigneeAfter('assigned', null, 'usr_a')).toBe('usr_a');
    expect(assigneeAfter('queued', 'usr_a', undefined)).toBeNull();
    expect(assigneeAfter('bot', 'usr_a', undefined)).toBeNull();
    expect(assigneeAfter('resolved', 'usr_a', undefined)).toBe('usr_a');
  });
});
