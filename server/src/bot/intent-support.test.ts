import { describe, expect, it } from 'vitest';
import { createUnderstander } from '../nlu/index.ts';
import { DEMO_INTENT_EXAMPLES } from './demo/demo-intents.ts';
import { intentSupport, intentVocabulary } from './intent-support.ts';

const reader = createUnderstander({});
const vocabulary = intentVocabulary(DEMO_INTENT_EXAMPLES);
const support = (text: string, intent: string) => intentSupport(vocabulary, intent, reader.understand(text));

describe('how much of a message an intent’s examples cover', () => {
  it('covers the phrasings of the task, in Chinese and English, new wordings included', () => {
    expect(support('我要退款', 'refund_request')).toBe(1);
    expect(support('那退款呢?', 'refund_request')).toBe(1);
    expect(support('它什么时候到?', 'order_status')).toBe(1);
    expect(support('我的快递三天了还没到', 'order_status')).toBe(1);
    expect(support('where is my order', 'order_status')).toBe(1);
    expect(support('I need to change the delivery address', 'change_address')).toBe(1);
    // Plural and past forms meet the examples' words.
    expect(support('my orders have not shipped', 'order_status')).toBeGreaterThanOrEqual(0.6);
  });

  it('does not cover questions about something else that share only a frame such as 可以…吗', () => {
    expect(support('可以用比特币付款吗', 'refund_request')).toBe(0);
    expect(support('我的积分会过期吗', 'order_status')).toBe(0);
    expect(support('can I pay with crypto', 'refund_request')).toBe(0);
    expect(support('商品有优惠券吗', 'refund_request')).toBeLessThan(0.6);
    expect(support('how long does a refund take?', 'refund_request')).toBeLessThan(0.6);
  });

  it('has no opinion on a message without content words: an order number, 好的', () => {
    expect(support('SO20261126001', 'order_status')).toBeUndefined();
    expect(support('好的', 'order_status')).toBeUndefined();
    expect(support('我要退款', 'no_such_intent')).toBe(0);
  });
});
