import type { MetricDefinitions } from './definitions.ts';
import { HANDOFF_PREFIX } from './event-catalogue.ts';
import type { BotFailureCause, ConversationFact, FoldEvent } from './fact.ts';
import { type BotTurns, readBotTurns, readMessages, readSurveys, str } from './fold-parts.ts';

/**
 * Derives a conversation's fact from the whole set of its events. A pure function of that set: the same events in any
 * order, any number of times, give the same fact. That is what makes ingestion idempotent (a late or repeated event
 * only triggers a recomputation) and tolerant of clock skew (message order comes from `seq`, durations never go
 * below zero).
 */
export function foldConversation(
  workspaceId: string,
  conversationId: string,
  input: readonly FoldEvent[],
  defs: MetricDefinitions,
): ConversationFact | undefined {
  const events = dedupeById(input).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const first = events[0];
  const last = events[events.length - 1];
  if (!first || !last) return undefined;
  const startedAt = first.at;
  const opened = events.find((e) => e.type === 'conversation.opened')?.data ?? {};
  const transitions = events.filter((e) => e.type === 'conversation.transitioned');
  const initialStatus = str(opened.status) || str(transitions[0]?.data.from) || 'bot';

  const timeline = walkStatuses(initialStatus, startedAt, last.at, transitions);
  const messages = readMessages(events);
  const turns = readBotTurns(events);
  const surveys = readSurveys(events);

  const botInvolved = initialStatus === 'bot' || messages.firstBotAt !== null || turns.count > 0;
  const neededHumanAt = timeline.neededHumanAt ?? (messages.firstAgentAt !== null ? startedAt : null);
  const neededHuman = neededHumanAt !== null;
  const humanFrtMs =
    messages.firstAgentAt !== null && neededHumanAt !== null
      ? Math.max(0, messages.firstAgentAt - neededHumanAt)
      : null;
  const ended = timeline.status === 'resolved' || timeline.status === 'closed';
  const humanInvolved = humanFrtMs !== null || timeline.agents.size > 0;
  const abandoned = neededHuman && humanFrtMs === null && ended;

  const fact: ConversationFact = {
    conversationId,
    workspaceId,
    startedAt,
    endedAt: ended ? timeline.endedAt : null,
    status: timeline.status,
    channel: str(opened.channel) || turns.channel || str(opened.inboxId),
    team: timeline.team || turns.team,
    agent: timeline.agent,
    intent: turns.intent,
    language: str(opened.language) || messages.language || turns.language,
    tier: str(opened.tier),
    customerMessages: messages.customerCount,
    botInvolved,
    botFrtMs:
      messages.firstBotAfterCustomerAt !== null && messages.firstCustomerAt !== null
        ? Math.max(0, messages.firstBotAfterCustomerAt - messages.firstCustomerAt)
        : null,
    neededHuman,
    humanFrtMs,
    waitMs: timeline.waitMs,
    handleMs: timeline.agents.size > 0 ? timeline.handleMs : null,
    resolved: timeline.resolvedNow,
    resolvedEver: timeline.firstResolvedAt !== null,
    fcr: timeline.resolvedNow && timeline.reopens === 0 && timeline.agents.size <= 1,
    contained: botInvolved && timeline.resolvedNow && !humanInvolved,
    handedOff: timeline.handedOff,
    handoffReason: timeline.handoffReason,
    abandoned,
    answeredInTarget: !neededHuman
      ? null
      : humanFrtMs !== null
        ? humanFrtMs <= defs.serviceLevelSeconds * 1000
        : abandoned
          ? false
          : null,
    slaMet: slaOutcome(defs, startedAt, last.at, neededHuman, humanFrtMs, timeline.firstResolvedAt, timeline.status),
    csat: surveys.csat,
    nps: surveys.nps,
    surveyComment: surveys.comment,
    surveysOffered: surveys.offered,
    surveysAnswered: surveys.answered,
    sentimentFirst: messages.sentimentFirst ?? turns.sentimentFirst,
    sentimentLast: messages.sentimentFirst !== null ? messages.sentimentLast : turns.sentimentLast,
    reopens: timeline.reopens,
    agentsInvolved: timeline.agents.size,
    knowledgeGap: turns.knowledgeGap,
    botMisses: turns.misses,
    repeatedQuestion: turns.repeated,
    flowFailed: turns.flowFailed,
    botFailure: '',
    definitionVersion: defs.version,
  };
  fact.botFailure = botInvolved ? classifyBotFailure(fact, turns, humanInvolved, defs) : '';
  return fact;
}

interface Timeline {
  status: string;
  agent: string;
  team: string;
  agents: Set<string>;
  neededHumanAt: number | null;
  waitMs: number | null;
  handleMs: number;
  resolvedNow: boolean;
  firstResolvedAt: number | null;
  endedAt: number | null;
  reopens: number;
  handedOff: boolean;
  handoffReason: string;
}

/** Replays the status changes: who held it, for how long, when it needed a person, whether it ended resolved. */
function walkStatuses(initial: string, startedAt: number, lastAt: number, transitions: FoldEvent[]): Timeline {
  const t: Timeline = {
    status: initial,
    agent: '',
    team: '',
    agents: new Set(),
    neededHumanAt: initial === 'queued' ? startedAt : null,
    waitMs: null,
    handleMs: 0,
    resolvedNow: false,
    firstResolvedAt: null,
    endedAt: null,
    reopens: 0,
    handedOff: false,
    handoffReason: '',
  };
  let queuedAt: number | null = t.neededHumanAt;
  let assignedSince: number | null = null;
  for (const event of transitions) {
    const to = str(event.data.to);
    const from = t.status;
    const reason = str(event.data.reason);
    if (!to) continue;
    if (assignedSince !== null && to !== 'assigned') {
      t.handleMs += Math.max(0, event.at - assignedSince);
      assignedSince = null;
    }
    if (to === 'queued') {
      t.neededHumanAt ??= event.at;
      queuedAt ??= event.at;
      if (from === 'bot' || reason.startsWith(HANDOFF_PREFIX)) {
        t.handedOff = true;
        t.handoffReason ||= reason.startsWith(HANDOFF_PREFIX) ? reason.slice(HANDOFF_PREFIX.length) : reason;
      }
    }
    if (to === 'assigned') {
      const assignee = str(event.data.assigneeId);
      if (assignee) {
        t.agents.add(assignee);
        t.agent = assignee;
      }
      if (t.waitMs === null && queuedAt !== null) t.waitMs = Math.max(0, event.at - queuedAt);
      assignedSince ??= event.at;
    }
    if (to === 'resolved') {
      t.resolvedNow = true;
      t.firstResolvedAt ??= event.at;
      t.endedAt = event.at;
    } else if (to === 'closed') {
      t.endedAt = event.at;
    } else if (from === 'resolved') {
      t.reopens += 1;
      t.resolvedNow = false;
      t.endedAt = null;
    }
    if (typeof event.data.team === 'string' && event.data.team) t.team = event.data.team;
    t.status = to;
  }
  if (assignedSince !== null) t.handleMs += Math.max(0, lastAt - assignedSince);
  return t;
}

/** Met, breached, or unknown yet (open and inside both limits as far as the events tell). */
function slaOutcome(
  defs: MetricDefinitions,
  startedAt: number,
  lastAt: number,
  neededHuman: boolean,
  humanFrtMs: number | null,
  firstResolvedAt: number | null,
  status: string,
): boolean | null {
  if (!neededHuman) return null;
  const frtLimit = defs.slaFirstResponseSeconds * 1000;
  const resolutionLimit = defs.slaResolutionSeconds * 1000;
  if (humanFrtMs !== null && humanFrtMs > frtLimit) return false;
  if (firstResolvedAt !== null) return humanFrtMs !== null && firstResolvedAt - startedAt <= resolutionLimit;
  if (status === 'closed' || lastAt - startedAt > resolutionLimit) return false;
  return null;
}

/** The post-mortem's cause, from the strongest evidence to the weakest; '' when the bot did not fail. */
function classifyBotFailure(
  fact: ConversationFact,
  turns: BotTurns,
  humanInvolved: boolean,
  defs: MetricDefinitions,
): BotFailureCause | '' {
  const reason = fact.handoffReason;
  const poorSurvey =
    !humanInvolved &&
    ((fact.csat !== null && fact.csat < defs.csatSatisfiedMin) ||
      (fact.nps !== null && fact.nps <= defs.npsDetractorMax));
  const failedHandoff =
    fact.handedOff &&
    (fact.botMisses > 0 ||
      ['consecutive_misses', 'repeated_question', 'flow_failed', 'asks_for_human', 'negative_sentiment'].includes(
        reason,
      ));
  if (!failedHandoff && !poorSurvey && !fact.repeatedQuestion && !fact.flowFailed) return '';
  if (fact.flowFailed || reason === 'flow_failed') return 'flow_failure';
  if (fact.knowledgeGap) return 'knowledge_gap';
  if (turns.notUnderstood > 0 || reason === 'consecutive_misses') return 'not_understood';
  if (reason === 'asks_for_human' && turns.answered === 0) return 'wanted_person';
  return 'wrong_answer';
}

function dedupeById(events: readonly FoldEvent[]): FoldEvent[] {
  const seen = new Map<string, FoldEvent>();
  for (const event of events) seen.set(event.id, event);
  return [...seen.values()];
}
