import { describe, expect, it } from 'vitest';
import { createUnderstander, type Understanding } from '../nlu/index.ts';
import { newBotState } from './context.ts';
import { DEMO_FLOWS } from './demo/demo-flows.ts';
import { DEMO_INTENT_EXAMPLES } from './demo/demo-intents.ts';
import { intentVocabulary } from './intent-support.ts';
import type { KnowledgeAnswer } from './knowledge.ts';
import { decide } from './policy.ts';
import type { WorkspaceBot } from './runtime.ts';
import { BotSettings } from './schema.ts';

/** The policy alone: understanding and the knowledge base are given, so each case states exactly what they said. */
const bot = {
  workspaceId: 'ws_policy',
  enabled: true,
  settings: BotSettings.parse({}),
  flows: new Map(DEMO_FLOWS.map((flow) => [flow.intent, flow])),
  intents: DEMO_FLOWS.map((flow) => flow.intent),
  vocabulary: new Map(),
  version: 'test',
} as unknown as WorkspaceBot;

function understood(intent: string, confidence: number): Understanding {
  return {
    language: 'zh',
    normalized: '',
    tokens: [],
    entities: [],
    sentiment: { score: 0, label: 'neutral', emotions: {} },
    intents: [{ name: intent, confidence }],
    outOfScope: false,
    followUp: false,
    slots: {},
    truncated: false,
    degraded: [],
  } as unknown as Understanding;
}

const INVOICE: KnowledgeAnswer = {
  articleId: 'art_invoice',
  title: '怎么开发票？',
  answer: '在订单详情页点击“申请发票”。',
  confidence: 0.95,
};

async function decideOn(text: string, intent: string, confidence: number, hits: KnowledgeAnswer[]) {
  const state = newBotState('zh');
  const searched: string[] = [];
  const decision = await decide({
    bot,
    state,
    text,
    understanding: understood(intent, confidence),
    locale: 'zh',
    contactTier: null,
    repeats: 1,
    now: 1_000,
    searchKnowledge: async (query) => {
      searched.push(query);
      return hits;
    },
    runAction: async () => {
      throw new Error('no action expected');
    },
  });
  return { decision, state, searched };
}

describe('a flow intent against a knowledge-base answer', () => {
  it('answers an FAQ the knowledge base knows better than the intent model knows the task', async () => {
    const { decision, state, searched } = await decideOn('怎么开发票？', 'order_status', 0.58, [INVOICE]);
    expect(decision.kind).toBe('answer');
    expect(decision.replies[0]?.cards).toEqual([expect.objectContaining({ articleId: 'art_invoice' })]);
    // The outranked flow intent is not remembered as the topic, and the knowledge base is asked once.
    expect(state.currentIntent).toBeNull();
    expect(state.flow).toBeNull();
    expect(searched).toEqual(['怎么开发票？']);
  });

  it('starts the flow when the intent is surer than the answer', async () => {
    const { decision, state } = await decideOn('我的订单到哪了', 'order_status', 0.99, [
      { ...INVOICE, title: '怎么查询物流进度？', confidence: 0.7 },
    ]);
    expect(decision.reason).toBe('flow:order_status:prompt:order_no');
    expect(state.flow?.intent).toBe('order_status');
  });

  it('starts the flow when the best answer is below the answer threshold, even if surer than the intent', async () => {
    const { decision } = await decideOn('查订单', 'order_status', 0.52, [{ ...INVOICE, confidence: 0.55 }]);
    expect(decision.reason).toBe('flow:order_status:prompt:order_no');
  });

  it('starts the flow when the knowledge base finds nothing', async () => {
    const { decision } = await decideOn('I need to change the delivery address', 'change_address', 0.9, []);
    expect(decision.reason).toBe('flow:change_address:prompt:order_no');
  });
});

/** Real tokens and entities (no intent model): the intent and its confidence are stated per case. */
const reader = createUnderstander({});
const supportedBot = { ...bot, vocabulary: intentVocabulary(DEMO_INTENT_EXAMPLES) } as WorkspaceBot;

async function decideWith(
  text: string,
  intent: string,
  confidence: number,
  hits: KnowledgeAnswer[],
  state = newBotState('zh'),
) {
  const read = reader.understand(text);
  const searched: string[] = [];
  const decision = await decide({
    bot: supportedBot,
    state,
    text,
    understanding: { ...read, intents: [{ name: intent, confidence }], outOfScope: false },
    locale: /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en',
    contactTier: null,
    repeats: 1,
    now: 1_000,
    searchKnowledge: async (query) => {
      searched.push(query);
      return hits;
    },
    runAction: async () => {
      throw new Error('no action expected');
    },
  });
  return { decision, state, searched };
}

describe('an intent the model is sure of but its examples do not support', () => {
  it('starts no flow for an out-of-task question, in Chinese or English, and falls back', async () => {
    for (const [text, intent] of [
      ['可以用比特币付款吗', 'refund_request'],
      ['我的积分会过期吗', 'order_status'],
      ['can I pay with crypto', 'refund_request'],
    ] as const) {
      const { decision, state } = await decideWith(text, intent, 0.85, []);
      expect(decision.kind, text).toBe('fallback');
      expect(decision.evidence.support).toEqual({ intent, score: 0 });
      expect(state.flow, text).toBeNull();
    }
  });

  it('answers from the knowledge base instead, when it knows the question', async () => {
    const payment = { ...INVOICE, articleId: 'art_pay', title: 'Which payment methods do you accept?' };
    const { decision, state } = await decideWith('can I pay by bitcoin', 'refund_request', 0.9, [payment]);
    expect(decision.kind).toBe('answer');
    expect(state.flow).toBeNull();
  });

  it('offers the flow as a choice when the examples cover part of the message', async () => {
    const { decision, state } = await decideWith('你们的客服电话是多少', 'complaint', 0.78, []);
    expect(decision).toMatchObject({ kind: 'clarify', reason: 'clarify_unsupported_intent' });
    expect(decision.replies[0]?.quickReplies?.map((q) => q.label)).toEqual(['投诉', '都不是']);
    expect(state.flow).toBeNull();
    const en = await decideWith('my parcel is late', 'order_status', 0.7, []);
    expect(en.decision.replies[0]?.quickReplies?.map((q) => q.label)).toEqual(['Order status', 'None of these']);
  });

  it('still starts the flow for phrasings its examples cover, and for a bare order number', async () => {
    expect((await decideWith('我要退款', 'refund_request', 0.9, [])).decision.reason).toBe(
      'flow:refund_request:prompt:order_no',
    );
    expect((await decideWith('where is my order', 'order_status', 0.9, [])).decision.reason).toBe(
      'flow:order_status:prompt:order_no',
    );
    expect((await decideWith('SO20261126001', 'refund_request', 0.9, [])).decision.reason).toBe(
      'flow:refund_request:prompt:reason',
    );
  });
});

describe('a task recognised for certain', () => {
  it('starts its flow without asking the knowledge base, which could not outrank it', async () => {
    const track = { ...INVOICE, title: '怎么查询物流进度？', confidence: 0.95 };
    const certain = await decideWith('我的订单到哪了', 'order_status', 0.995, [track]);
    expect(certain.decision.reason).toBe('flow:order_status:prompt:order_no');
    expect(certain.searched).toEqual([]);
    // Less than certain, or words its examples lack: the knowledge base is asked as before.
    expect((await decideWith('我的订单到哪了', 'order_status', 0.9, [track])).searched).toEqual(['我的订单到哪了']);
    const invoice = await decideWith('订单怎么开发票', 'order_status', 0.995, [INVOICE]);
    expect(invoice.searched).toEqual(['订单怎么开发票']);
  });
});

describe('a question in the middle of a flow', () => {
  const SHIPPING = {
    articleId: 'art_return_shipping',
    title: '退货运费谁承担？',
    answer: '商品质量问题或发错货，退货运费由我们承担。',
    confidence: 0.9,
  };
  const inRefund = async (text: string, hits: KnowledgeAnswer[]) => {
    const state = newBotState('zh');
    await decideWith('我要退款', 'refund_request', 1, [], state);
    expect(state.flow?.asking).toBe('order_no');
    return decideWith(text, 'order_status', 0.1, hits, state);
  };

  it('is answered from the knowledge base, and the flow asks its question again, unchanged', async () => {
    const { decision, state } = await inRefund('运费谁出?', [SHIPPING]);
    expect(decision).toMatchObject({ kind: 'answer', reason: 'kb_answer_in_flow' });
    expect(decision.replies.map((r) => r.text)).toEqual([
      SHIPPING.answer,
      '我们继续办理「申请退款」：请提供您的订单号（例如 SO20261126001）。',
    ]);
    expect(state.flow).toMatchObject({ intent: 'refund_request', asking: 'order_no', attempts: 0 });
    // The next message is read as the order number again.
    const next = await decideWith('SO20261126002', 'order_status', 0.1, [], state);
    expect(next.decision.reason).toBe('flow:refund_request:prompt:reason');
  });

  it('offers likely articles beside the flow question when the knowledge base is unsure', async () => {
    const { decision, state } = await inRefund('运费谁出?', [{ ...SHIPPING, confidence: 0.45 }]);
    expect(decision).toMatchObject({ kind: 'clarify', reason: 'clarify_in_flow' });
    expect(decision.replies[0]?.quickReplies?.map((q) => q.label)).toEqual(['退货运费谁承担？']);
    expect(decision.replies[1]?.text).toContain('请提供您的订单号');
    expect(state.flow?.asking).toBe('order_no');
  });

  it('stays a re-prompt for a wrong value that is no question the knowledge base knows', async () => {
    const { decision, searched } = await inRefund('12ab', []);
    expect(decision.reason).toBe('flow:refund_request:reprompt:order_no');
    expect(searched.length).toBeGreaterThan(0);
  });

  it('takes a valid value as the value, without asking the knowledge base', async () => {
    const { decision, searched } = await inRefund('SO20261126001', [SHIPPING]);
    expect(decision.reason).toBe('flow:refund_request:prompt:reason');
    expect(searched).toEqual([]);
  });

  it('answers a question asked where free text is expected (an address), in English', async () => {
    const state = newBotState('en');
    await decideWith('change my address', 'change_address', 1, [], state);
    await decideWith('SO20261126004', 'order_status', 0.1, [], state);
    expect(state.flow?.asking).toBe('address');
    const refund = {
      articleId: 'art_refund_time',
      title: 'How long does a refund take?',
      answer: 'Refunds reach you within 3–5 working days.',
      confidence: 0.95,
    };
    const { decision } = await decideWith('how long does a refund take?', 'refund_request', 0.99, [refund], state);
    expect(decision).toMatchObject({ kind: 'answer', reason: 'kb_answer_in_flow' });
    expect(decision.replies[1]?.text).toBe('Back to “Change of address”: Please type the new delivery address.');
    const address = await decideWith('221B Baker Street, London', 'order_status', 0.1, [refund], state);
    expect(address.decision.reason).toBe('flow:change_address:confirm');
  });
});
