import { describe, expect, it } from 'vitest';
import { newBotState } from '../context.ts';
import { DEMO_FLOWS } from '../demo/demo-flows.ts';
import type { FlowDefinition } from '../schema.ts';
import { fitsFlow, looksLikeQuestion, resumePrompt } from './engine.ts';

const flow = (intent: string) => DEMO_FLOWS.find((f) => f.intent === intent) as FlowDefinition;
const ORDER_NUMBER = {
  type: 'order_number',
  value: 'SO20261126001',
  text: 'SO20261126001',
  start: 0,
  end: 13,
  confidence: 1,
};

function asking(intent: string, slot: string | null, awaitingConfirm = false) {
  const state = newBotState('zh');
  state.flow = { intent, asking: slot, attempts: 0, awaitingConfirm, startedAt: 0 };
  return state;
}

describe('whether a message answers the flow in progress', () => {
  it('takes a valid value, a later slot’s choice, a cancel or a yes/no to a confirmation', () => {
    const refund = flow('refund_request');
    expect(fitsFlow(refund, asking('refund_request', 'order_no'), 'SO20261126001', [ORDER_NUMBER], 'zh')).toBe(true);
    expect(fitsFlow(refund, asking('refund_request', 'order_no'), 'so 20261126001', [], 'zh')).toBe(true);
    expect(fitsFlow(refund, asking('refund_request', 'order_no'), '质量问题', [], 'zh')).toBe(true);
    expect(fitsFlow(refund, asking('refund_request', 'order_no'), '取消', [], 'zh')).toBe(true);
    expect(fitsFlow(refund, asking('refund_request', null, true), '是的', [], 'zh')).toBe(true);
    expect(fitsFlow(refund, asking('refund_request', null, true), 'no', [], 'en')).toBe(true);
  });

  it('does not take a question or a wrong value as the slot, free-text slots included', () => {
    const refund = flow('refund_request');
    expect(fitsFlow(refund, asking('refund_request', 'order_no'), '运费谁出?', [], 'zh')).toBe(false);
    expect(fitsFlow(refund, asking('refund_request', 'order_no'), '12ab', [], 'zh')).toBe(false);
    expect(fitsFlow(refund, asking('refund_request', null, true), '退款多久能到账？', [], 'zh')).toBe(false);
    const address = flow('change_address');
    const state = asking('change_address', 'address');
    state.slots.order_no = { value: 'SO20261126004', at: 0 };
    expect(fitsFlow(address, state, '地址改了运费会变吗', [], 'zh')).toBe(false);
    expect(fitsFlow(address, state, 'who pays for return shipping?', [], 'en')).toBe(false);
    expect(fitsFlow(address, state, '上海市浦东新区世纪大道100号', [], 'zh')).toBe(true);
    expect(fitsFlow(address, state, '221B Baker Street, London', [], 'en')).toBe(true);
  });

  it('tells questions from statements in both languages', () => {
    for (const q of ['运费谁出?', '能退吗', '请问几点发货', 'how long does a refund take', 'Is it free?'])
      expect(looksLikeQuestion(q), q).toBe(true);
    for (const s of ['上海市浦东新区世纪大道100号', '质量问题', '221B Baker Street', 'the box was broken'])
      expect(looksLikeQuestion(s), s).toBe(false);
  });

  it('asks the pending question again, prefixed with the flow’s name', () => {
    const refund = flow('refund_request');
    expect(resumePrompt(refund, asking('refund_request', 'order_no'), 'zh')?.text).toBe(
      '我们继续办理「申请退款」：请提供您的订单号（例如 SO20261126001）。',
    );
    const reason = resumePrompt(refund, asking('refund_request', 'reason'), 'en');
    expect(reason?.text).toMatch(/^Back to “Refund request”: /);
    expect(reason?.quickReplies?.length).toBeGreaterThan(0);
    expect(resumePrompt(refund, newBotState('zh'), 'zh')).toBeUndefined();
  });
});
