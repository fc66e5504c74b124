import { describe, expect, it } from 'vitest';
import type { Understanding } from '../nlu/index.ts';
import { newBotState } from './context.ts';
import { DEMO_FLOWS } from './demo/demo-flows.ts';
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
