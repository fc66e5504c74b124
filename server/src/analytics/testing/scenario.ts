import type { FoldEvent } from '../fact.ts';

/**
 * A hand-built event sequence with hand-computed metrics (see the table in scenario.test-values below), shared by the
 * fold, ingestion and HTTP tests. Four conversations starting Monday 2026-01-05 10:00 Shanghai time:
 *   A  bot answers, customer satisfied (answers the survey twice: 2, then 5), bot resolves.       web, zh, vip
 *   B  bot misses twice (knowledge gap), hands off, agent X answers in 90 s, resolves, customer
 *      writes again (reopen), agent Y resolves; the widget survey offered at both resolutions and
 *      never answered; NPS 10 to a second survey.                                                 web, en, regular
 *   C  opened in the queue, nobody answers, closed after 15 min (abandoned). One message event
 *      arrives twice.                                                                             api
 *   D  opened in the queue a moment ago, still waiting (outcome unknown).                         api, zh
 */
export const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);
export const S = 1000;
export const CONVERSATIONS = {
  A: 'conv_01jgzzzzzzzzzzzzzzzzzzzzza',
  B: 'conv_01jgzzzzzzzzzzzzzzzzzzzzzb',
  C: 'conv_01jgzzzzzzzzzzzzzzzzzzzzzc',
  D: 'conv_01jgzzzzzzzzzzzzzzzzzzzzzd',
} as const;

export interface ScenarioEvent extends Omit<FoldEvent, 'id'> {
  conversationId: string;
}

function builder(conversationId: string, start: number) {
  const events: ScenarioEvent[] = [];
  const push = (type: string, offset: number, data: Record<string, unknown>, actor = 'system') =>
    events.push({ conversationId, type, at: start + offset, actor_type: actor, actor_id: null, data });
  return {
    events,
    opened: (status: string, data: Record<string, unknown>) => push('conversation.opened', 0, { status, ...data }),
    msg: (offset: number, seq: number, senderType: string, extra: Record<string, unknown> = {}) =>
      push('message.created', offset, {
        messageId: `${conversationId}-m${seq}`,
        seq,
        senderType,
        private: false,
        ...extra,
      }),
    move: (offset: number, from: string, to: string, reason: string, assigneeId: string | null = null) =>
      push('conversation.transitioned', offset, { from, to, reason, assigneeId }),
    turn: (offset: number, data: Record<string, unknown>) => push('bot.turn', offset, data, 'bot'),
    push,
  };
}

export function scenarioEvents(): ScenarioEvent[] {
  const a = builder(CONVERSATIONS.A, T0);
  a.opened('bot', { inboxId: 'inb_web', channel: 'web', language: 'zh', tier: 'vip' });
  a.msg(0, 1, 'contact', { sentiment: -0.5 });
  a.turn(1 * S, { intent: 'order_status', outcome: 'answered', decision: 'answer' });
  a.msg(2 * S, 2, 'bot');
  a.msg(60 * S, 3, 'contact', { sentiment: 0.5 });
  a.move(70 * S, 'bot', 'resolved', 'bot_resolved');
  a.push('survey.offered', 71 * S, { surveyId: 'srv_a', kind: 'csat' });
  a.push('survey.answered', 80 * S, { surveyId: 'srv_a', kind: 'csat', score: 2 });
  a.push('survey.answered', 90 * S, { surveyId: 'srv_a', kind: 'csat', score: 5, comment: '很快，谢谢' });

  const b = builder(CONVERSATIONS.B, T0 + 10 * 60 * S);
  b.opened('bot', { inboxId: 'inb_web', channel: 'web', language: 'en', tier: 'regular' });
  b.msg(0, 1, 'contact', { sentiment: -0.2 });
  b.turn(1 * S, { outcome: 'not_understood', decision: 'fallback' });
  b.msg(3 * S, 2, 'bot');
  b.msg(30 * S, 3, 'contact');
  b.turn(31 * S, { intent: 'refund', outcome: 'knowledge_gap', decision: 'fallback' });
  b.msg(32 * S, 4, 'bot');
  b.move(40 * S, 'bot', 'queued', 'handoff:consecutive_misses');
  b.push('conversation.routed', 40 * S, { team: 'after_sales', priority: 3 });
  b.move(100 * S, 'queued', 'assigned', 'assigned', 'usr_agent_x');
  b.msg(130 * S, 5, 'agent');
  b.move(400 * S, 'assigned', 'resolved', 'manual', 'usr_agent_x');
  b.push('survey.offered', 400 * S, { surveyId: 'widget', kind: 'csat', channel: 'web_widget' }); // never answered
  b.move(500 * S, 'resolved', 'queued', 'customer_wrote');
  b.msg(500 * S, 6, 'contact', { sentiment: 0.4 });
  b.move(520 * S, 'queued', 'assigned', 'assigned', 'usr_agent_y');
  b.move(600 * S, 'assigned', 'resolved', 'manual', 'usr_agent_y');
  b.push('survey.offered', 600 * S, { surveyId: 'widget', kind: 'csat', channel: 'web_widget' }); // the same survey again
  b.push('survey.offered', 601 * S, { surveyId: 'srv_b', kind: 'nps' });
  b.push('survey.answered', 610 * S, { surveyId: 'srv_b', kind: 'nps', score: 10, comment: 'great agent' });

  const c = builder(CONVERSATIONS.C, T0 + 20 * 60 * S);
  c.opened('queued', { inboxId: 'inb_api', channel: 'api' });
  c.msg(0, 1, 'contact');
  c.msg(0, 1, 'contact'); // the same message delivered twice (another event id, same messageId)
  c.move(900 * S, 'queued', 'closed', 'inactivity');

  const d = builder(CONVERSATIONS.D, T0 + 30 * 60 * S);
  d.opened('queued', { inboxId: 'inb_api', channel: 'api', language: 'zh' });
  d.msg(0, 1, 'contact');

  return [...a.events, ...b.events, ...c.events, ...d.events];
}

/** The figures worked out by hand for the whole scenario (default definitions). */
export const EXPECTED_TOTALS = {
  conversations: 4,
  frt_bot: 2_500, // A 2 s, B 3 s
  frt_human: 90_000, // B: hand-off at 40 s, agent reply at 130 s
  aht: 380_000, // B: 100→400 s and 520→600 s assigned
  resolution_rate: 0.5, // A, B of 4
  fcr: 0.25, // A (B was reopened)
  containment: 0.5, // A of bot conversations A, B
  transfer_rate: 0.5, // B of A, B
  abandonment: 1 / 3, // C of B, C, D needing a person
  service_level: 0, // B answered in 90 s > 60 s; C abandoned; D unknown
  sla_attainment: 0.5, // B met (90 s ≤ 300 s, resolved at 400 s); C closed unanswered
  csat: 1, // A's last answer 5
  nps: 100, // B 10
  sentiment_change: 0.8, // A −0.5→0.5 (+1.0), B −0.2→0.4 (+0.6)
  reopen_rate: 0.5, // B of A, B ever resolved
  knowledge_gap_rate: 0.5, // B of A, B
  survey_response_rate: 2 / 3, // A srv_a; B widget (offered twice, once counted, never answered) and srv_b: 2 of 3
  wait_p90: 60_000, // B waited 60 s: the ≤ 60 s bin
} as const;
