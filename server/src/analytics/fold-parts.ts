import type { FoldEvent } from './fact.ts';

/** Readers for the parts of a conversation's events that fold combines: messages, bot turns, surveys. */

export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export interface MessageSummary {
  customerCount: number;
  firstCustomerAt: number | null;
  firstBotAt: number | null;
  /** The first bot message after the customer's first message (by seq). */
  firstBotAfterCustomerAt: number | null;
  firstAgentAt: number | null;
  sentimentFirst: number | null;
  sentimentLast: number | null;
  language: string;
}

/**
 * Messages in `seq` order, which the conversation's transaction assigned: two processes with skewed clocks can stamp
 * a reply before its question, but never give it a lower seq. A message seen twice (same messageId) counts once.
 */
export function readMessages(events: readonly FoldEvent[]): MessageSummary {
  const byMessage = new Map<string, FoldEvent>();
  for (const event of events) {
    if (event.type !== 'message.created') continue;
    byMessage.set(str(event.data.messageId) || event.id, event);
  }
  const messages = [...byMessage.values()].sort(
    (a, b) => (num(a.data.seq) ?? 0) - (num(b.data.seq) ?? 0) || a.at - b.at,
  );
  const summary: MessageSummary = {
    customerCount: 0,
    firstCustomerAt: null,
    firstBotAt: null,
    firstBotAfterCustomerAt: null,
    firstAgentAt: null,
    sentimentFirst: null,
    sentimentLast: null,
    language: '',
  };
  for (const message of messages) {
    if (message.data.private === true) continue;
    const sender = str(message.data.senderType);
    if (sender === 'contact') {
      summary.customerCount += 1;
      summary.firstCustomerAt ??= message.at;
      summary.language ||= str(message.data.language);
      const sentiment = num(message.data.sentiment);
      if (sentiment !== null) {
        summary.sentimentFirst ??= sentiment;
        summary.sentimentLast = sentiment;
      }
    } else if (sender === 'bot') {
      summary.firstBotAt ??= message.at;
      if (summary.firstCustomerAt !== null) summary.firstBotAfterCustomerAt ??= message.at;
    } else if (sender === 'agent') {
      summary.firstAgentAt ??= message.at;
    }
  }
  // One scored message has no change to measure.
  if (summary.sentimentFirst !== null && countScored(messages) < 2) summary.sentimentLast = null;
  return summary;
}

function countScored(messages: FoldEvent[]): number {
  return messages.filter(
    (m) => str(m.data.senderType) === 'contact' && m.data.private !== true && num(m.data.sentiment) !== null,
  ).length;
}

export interface BotTurns {
  count: number;
  intent: string;
  language: string;
  team: string;
  /** The channel as routing saw it, when the opening event did not say. */
  channel: string;
  misses: number;
  notUnderstood: number;
  answered: number;
  knowledgeGap: boolean;
  repeated: boolean;
  flowFailed: boolean;
  sentimentFirst: number | null;
  sentimentLast: number | null;
}

const MISSES = new Set(['not_understood', 'knowledge_gap', 'flow_failed']);
/** Routing's events that name the team queue a conversation is in (the last one wins). */
const TEAM_EVENTS = new Set(['conversation.routed', 'routing.assigned', 'routing.transferred', 'routing.escalated']);

/** The bot's decisions (`bot.turn`), the gaps it met (`knowledge.gap`) and routing's queue and channel. */
export function readBotTurns(events: readonly FoldEvent[]): BotTurns {
  const turns: BotTurns = {
    count: 0,
    intent: '',
    language: '',
    team: '',
    channel: '',
    misses: 0,
    notUnderstood: 0,
    answered: 0,
    knowledgeGap: false,
    repeated: false,
    flowFailed: false,
    sentimentFirst: null,
    sentimentLast: null,
  };
  let scored = 0;
  for (const event of events) {
    if (event.type === 'knowledge.gap') turns.knowledgeGap = true;
    if (TEAM_EVENTS.has(event.type) && str(event.data.team)) turns.team = str(event.data.team);
    if (event.type === 'routing.assigned') turns.channel ||= str(event.data.channel);
    if (event.type !== 'bot.turn') continue;
    const outcome = str(event.data.outcome);
    turns.count += 1;
    turns.intent ||= str(event.data.intent);
    turns.language ||= str(event.data.language);
    if (MISSES.has(outcome)) turns.misses += 1;
    if (outcome === 'not_understood') turns.notUnderstood += 1;
    if (outcome === 'answered') turns.answered += 1;
    if (outcome === 'knowledge_gap') turns.knowledgeGap = true;
    if (outcome === 'flow_failed' || outcome === 'flow_abandoned') turns.flowFailed = true;
    if (event.data.repeated === true) turns.repeated = true;
    const sentiment = num(event.data.sentiment);
    if (sentiment !== null) {
      scored += 1;
      turns.sentimentFirst ??= sentiment;
      turns.sentimentLast = sentiment;
    }
  }
  if (scored < 2) turns.sentimentLast = null;
  return turns;
}

export interface SurveySummary {
  csat: number | null;
  nps: number | null;
  comment: string;
  offered: number;
  answered: number;
}

/**
 * Surveys, one answer per survey: a customer who answers twice counts once, with the last answer (by time, then id).
 * Out-of-range scores are ignored rather than counted.
 */
export function readSurveys(events: readonly FoldEvent[]): SurveySummary {
  const offered = new Set<string>();
  const answers = new Map<string, FoldEvent>();
  const answered = new Set<string>();
  for (const source of events) {
    const answersHere =
      source.type === 'survey.submitted'
        ? [submitted(source, 'csat'), submitted(source, 'nps')]
        : [[`${str(source.data.surveyId) || str(source.data.kind)}:${str(source.data.kind)}`, source] as const];
    for (const [key, event] of answersHere) {
      const kind = str(event.data.kind);
      // One survey may ask both questions: `widget:csat` and `widget:nps` are answers to survey `widget`.
      const surveyId = key.slice(0, key.lastIndexOf(':'));
      if (event.type === 'survey.offered') offered.add(surveyId);
      if (event.type !== 'survey.answered' || !validScore(kind, event.data.score)) continue;
      offered.add(surveyId);
      answered.add(surveyId);
      const previous = answers.get(key);
      if (!previous || previous.at < event.at || (previous.at === event.at && previous.id < event.id))
        answers.set(key, event);
    }
  }
  const summary: SurveySummary = { csat: null, nps: null, comment: '', offered: offered.size, answered: answered.size };
  const latest = [...answers.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  for (const answer of latest) {
    const score = answer.data.score as number;
    if (str(answer.data.kind) === 'csat') summary.csat = score;
    else summary.nps = score;
    if (str(answer.data.comment).trim()) summary.comment = str(answer.data.comment).trim().slice(0, 1000);
  }
  return summary;
}

/** The widget's survey id, as `survey.offered` names it (conversations/record-transition.ts); older events lack it. */
const WIDGET_SURVEY = 'widget';

/**
 * Conversations' widget survey (`survey.submitted`: csat 1–5, optional nps 0–10, one per conversation) read as one
 * answer per kind. A repeat of the event (same conversation) replaces, never adds.
 */
function submitted(event: FoldEvent, kind: 'csat' | 'nps'): readonly [string, FoldEvent] {
  const comment = kind === 'csat' ? str(event.data.comment) : '';
  return [
    `${str(event.data.surveyId) || WIDGET_SURVEY}:${kind}`,
    { ...event, type: 'survey.answered', data: { kind, score: event.data[kind], comment } },
  ];
}

function validScore(kind: string, score: unknown): boolean {
  if (typeof score !== 'number' || !Number.isInteger(score)) return false;
  if (kind === 'csat') return score >= 1 && score <= 5;
  if (kind === 'nps') return score >= 0 && score <= 10;
  return false;
}
