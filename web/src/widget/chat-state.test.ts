import { describe, expect, it } from 'vitest';
import type { MessageView } from '../shared/api-types.ts';
import { ChatState } from './chat-state.ts';

function message(seq: number, overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: `msg_${seq}`,
    conversationId: 'conv_a',
    seq,
    senderType: 'contact',
    senderId: null,
    clientMessageId: `c${seq}`,
    text: `消息 ${seq}`,
    private: false,
    createdAt: 1_000 + seq,
    ...overrides,
  };
}

describe('ChatState', () => {
  it('shows each message once, whether it comes from history, an ack, a broadcast or a resume replay', () => {
    const state = new ChatState();
    expect(state.add([message(1), message(2)])).toBe(true);
    expect(state.add([message(2), message(1)])).toBe(false);
    expect(state.add([message(3, { senderType: 'agent', text: '您好，我来帮您查一下' }), message(3)])).toBe(true);
    expect(state.items().map((i) => i.message?.seq)).toEqual([1, 2, 3]);
  });

  it('orders by seq even when messages arrive out of order', () => {
    const state = new ChatState();
    state.add([message(3), message(1)]);
    state.add([message(2)]);
    expect(state.items().map((i) => i.message?.id)).toEqual(['msg_1', 'msg_2', 'msg_3']);
    expect(state.lastSeen()?.id).toBe('msg_3');
  });

  it('turns a pending message into the confirmed one under the same key, so it is never shown twice', () => {
    const state = new ChatState();
    state.addPending('c9', '你好，我的订单还没到', 5_000);
    const pendingKey = state.items()[0]?.key;
    expect(state.items()[0]?.pending?.state).toBe('sending');
    state.add([message(1, { clientMessageId: 'c9', text: '你好，我的订单还没到' })]);
    const items = state.items();
    expect(items).toHaveLength(1);
    expect(items[0]?.key).toBe(pendingKey);
    expect(items[0]?.message?.id).toBe('msg_1');
    expect(state.isPending('c9')).toBe(false);
  });

  it('keeps unconfirmed messages after the confirmed ones, oldest first, and marks failures', () => {
    const state = new ChatState();
    state.add([message(1)]);
    state.addPending('b', 'second', 20);
    state.addPending('a', 'first', 10);
    state.setPendingState('a', 'failed', 'must not be empty');
    expect(state.unconfirmed().map((p) => p.clientMessageId)).toEqual(['a', 'b']);
    expect(state.items().map((i) => i.key)).toEqual(['c:c1', 'c:a', 'c:b']);
    expect(state.unconfirmed()[0]).toMatchObject({ state: 'failed', error: 'must not be empty' });
  });

  it('never shows private notes, even if one reaches the visitor', () => {
    const state = new ChatState();
    expect(state.add([message(1, { senderType: 'agent', private: true, text: 'internal' })])).toBe(false);
    expect(state.items()).toEqual([]);
  });
});
