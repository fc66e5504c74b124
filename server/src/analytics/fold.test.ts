import { describe, expect, it } from 'vitest';
import { DEFAULT_DEFINITIONS, type MetricId } from './definitions.ts';
import type { ConversationFact, FoldEvent } from './fact.ts';
import { foldConversation } from './fold.ts';
import { computeAll } from './metrics.ts';
import { addSums, contributionOf, emptySums } from './sums.ts';
import { CONVERSATIONS, EXPECTED_TOTALS, S, scenarioEvents, T0 } from './testing/scenario.ts';

function eventsOf(conversationId: string): FoldEvent[] {
  return scenarioEvents()
    .map((e, i) => ({ ...e, id: `evt_${String(i).padStart(4, '0')}` }))
    .filter((e) => e.conversationId === conversationId);
}

const fold = (id: string, events = eventsOf(id)) =>
  foldConversation('ws_test', id, events, DEFAULT_DEFINITIONS) as ConversationFact;

describe('foldConversation on the hand-built scenario', () => {
  it('A: the bot answers and resolves; the survey answered twice counts once, with its last answer', () => {
    const a = fold(CONVERSATIONS.A);
    expect(a).toMatchObject({
      startedAt: T0,
      channel: 'web',
      language: 'zh',
      tier: 'vip',
      intent: 'order_status',
      botInvolved: true,
      botFrtMs: 2 * S,
      neededHuman: false,
      contained: true,
      resolved: true,
      fcr: true,
      csat: 5,
      surveysOffered: 1,
      surveysAnswered: 1,
      surveyComment: '很快，谢谢',
      sentimentFirst: -0.5,
      sentimentLast: 0.5,
      botFailure: '',
    });
  });

  it('B: hand-off after misses, wait, handle time across two agents, reopen, SLA met, knowledge-gap failure', () => {
    const b = fold(CONVERSATIONS.B);
    expect(b).toMatchObject({
      team: 'after_sales',
      agent: 'usr_agent_y',
      intent: 'refund',
      language: 'en',
      botFrtMs: 3 * S,
      humanFrtMs: 90 * S,
      waitMs: 60 * S,
      handleMs: 380 * S,
      handedOff: true,
      handoffReason: 'consecutive_misses',
      reopens: 1,
      fcr: false,
      resolved: true,
      answeredInTarget: false,
      slaMet: true,
      nps: 10,
      csat: null,
      surveysOffered: 2,
      surveysAnswered: 1,
      knowledgeGap: true,
      botMisses: 2,
      botFailure: 'knowledge_gap',
      agentsInvolved: 2,
    });
  });

  it('C: abandoned in the queue; the message delivered twice counts once', () => {
    const c = fold(CONVERSATIONS.C);
    expect(c).toMatchObject({ abandoned: true, customerMessages: 1, answeredInTarget: false, slaMet: false });
    expect(c.botInvolved).toBe(false);
  });

  it('D: still waiting, so service level and SLA are unknown rather than failed', () => {
    const d = fold(CONVERSATIONS.D);
    expect(d).toMatchObject({ abandoned: false, answeredInTarget: null, slaMet: null, neededHuman: true });
  });

  it('every metric over the four conversations equals the hand-computed value', () => {
    const sums = emptySums();
    for (const id of Object.values(CONVERSATIONS)) addSums(sums, contributionOf(fold(id), DEFAULT_DEFINITIONS));
    const metrics = computeAll(sums);
    for (const [id, expected] of Object.entries(EXPECTED_TOTALS)) {
      expect(metrics[id as MetricId].value, id).toBeCloseTo(expected, 6);
    }
  });

  it('gives the same fact for the events in any order, repeated, or stamped by a clock running behind', () => {
    const events = eventsOf(CONVERSATIONS.B);
    const reference = fold(CONVERSATIONS.B, events);
    const shuffled = [...events].reverse();
    expect(fold(CONVERSATIONS.B, [...shuffled, ...events])).toEqual(reference);
    // The agent's process is 5 s behind: its reply is stamped before the hand-off; durations stop at zero.
    const skewed = events.map((e) => (e.data.senderType === 'agent' ? { ...e, at: T0 + 10 * 60 * S + 35 * S } : e));
    expect(fold(CONVERSATIONS.B, skewed).humanFrtMs).toBe(0);
  });

  it('ignores out-of-range survey scores and reads a conversation with no events as nothing', () => {
    const events: FoldEvent[] = [
      ...eventsOf(CONVERSATIONS.D),
      {
        id: 'evt_x1',
        type: 'survey.answered',
        at: T0 + 31 * 60 * S,
        actor_type: 'visitor',
        actor_id: null,
        data: { kind: 'csat', score: 9 },
      },
      {
        id: 'evt_x2',
        type: 'survey.answered',
        at: T0 + 31 * 60 * S,
        actor_type: 'visitor',
        actor_id: null,
        data: { kind: 'nps', score: 3.5 },
      },
    ];
    expect(fold(CONVERSATIONS.D, events)).toMatchObject({ csat: null, nps: null, surveysAnswered: 0 });
    expect(foldConversation('ws', 'conv_x', [], DEFAULT_DEFINITIONS)).toBeUndefined();
  });
});

describe('foldConversation on the events emitted today', () => {
  it('reads the widget survey (survey.submitted) and routing’s team and channel', () => {
    const at = T0;
    const ev = (id: string, type: string, offset: number, data: Record<string, unknown>): FoldEvent => ({
      id,
      type,
      at: at + offset,
      actor_type: 'system',
      actor_id: null,
      data,
    });
    const events = [
      ev('evt_1', 'conversation.opened', 0, { status: 'queued', inboxId: 'inb_1', contactId: 'ctc_1' }),
      ev('evt_2', 'message.created', 0, { messageId: 'm1', seq: 1, senderType: 'contact', private: false }),
      ev('evt_3', 'routing.assigned', 20 * S, {
        agentId: 'usr_1',
        team: 'pre_sales',
        channel: 'wechat',
        waitedMs: 20_000,
      }),
      ev('evt_4', 'conversation.transitioned', 20 * S, { from: 'queued', to: 'assigned', assigneeId: 'usr_1' }),
      ev('evt_5', 'message.created', 50 * S, { messageId: 'm2', seq: 2, senderType: 'agent', private: false }),
      ev('evt_6', 'conversation.transitioned', 300 * S, { from: 'assigned', to: 'resolved', assigneeId: 'usr_1' }),
      ev('evt_6b', 'survey.offered', 300 * S, { surveyId: 'widget', kind: 'csat', channel: 'web_widget' }),
      ev('evt_7', 'survey.submitted', 400 * S, {
        surveyId: 'widget',
        csat: 4,
        nps: 6,
        commented: true,
        comment: '回复很快',
        assigneeId: 'usr_1',
      }),
      // Delivered again, in the older shape without surveyId: still the one widget survey.
      ev('evt_8', 'survey.submitted', 400 * S, {
        csat: 4,
        nps: 6,
        commented: true,
        comment: '回复很快',
        assigneeId: 'usr_1',
      }),
    ];
    const fact = fold('conv_today', events);
    expect(fact).toMatchObject({
      team: 'pre_sales',
      channel: 'wechat',
      agent: 'usr_1',
      humanFrtMs: 50 * S,
      waitMs: 20 * S,
      handleMs: 280 * S,
      csat: 4,
      nps: 6,
      surveysOffered: 1,
      surveysAnswered: 1,
      surveyComment: '回复很快',
    });
    const metrics = computeAll(contributionOf(fact, DEFAULT_DEFINITIONS));
    expect(metrics.csat.value).toBe(1);
    expect(metrics.nps.value).toBe(-100);
  });
});
