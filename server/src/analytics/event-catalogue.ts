/**
 * The reporting events analytics reads, with who emits them and the shape of their `data`. Analytics never calls
 * another module: everything it knows arrives in `reporting_events` (platform/reporting.ts), appended by the emitter
 * inside the transaction that made the change.
 *
 * `emitted` says whether the emitter writes the event today. Events marked `false` are the contract analytics
 * computes from as soon as they arrive; until then the metrics that need them read as "no data" (never as zero).
 * Every field is optional on the reading side: an older emitter that leaves a field out must not break a report.
 */

export interface CatalogueEntry {
  type: string;
  emitter: string;
  emitted: boolean;
  /** When the emitter writes it. */
  when: string;
  /** `data` fields: name → meaning. */
  data: Record<string, string>;
}

export const EVENT_CATALOGUE: readonly CatalogueEntry[] = [
  {
    type: 'conversation.opened',
    emitter: 'conversations (receive-message)',
    emitted: true,
    when: 'a conversation is created by its first message',
    data: {
      status: 'the first status: bot or queued',
      inboxId: 'the inbox; the channel dimension falls back to it',
      contactId: 'the customer',
      channel: 'the inbox channel: web_widget | api …',
      language: 'zh | en | mixed, as the language engine reads the first message (absent when it has no letters)',
      tier: 'the contact tier at opening: vip | regular | new',
    },
  },
  {
    type: 'conversation.transitioned',
    emitter: 'conversations (record-transition)',
    emitted: true,
    when: 'every status change',
    data: {
      from: 'status before',
      to: 'status after',
      assigneeId: 'the agent after the change (kept on resolve/close)',
      previousAssigneeId: 'the agent before',
      reason: 'handoff:<reason> | bot_resolved | agent_replied | customer_wrote | manual | inactivity …',
    },
  },
  {
    type: 'message.created',
    emitter: 'conversations (receive-message, message-signals)',
    emitted: true,
    when: 'every message (customer, bot, agent, system, private note)',
    data: {
      messageId: 'the message; duplicates by messageId are counted once',
      seq: 'order inside the conversation, assigned in the transaction (immune to clock skew)',
      senderType: 'contact | bot | agent | system',
      private: 'internal note, never a response',
      chars: 'length',
      sentiment: '−1…1 for customer messages (the nlu lexicon analyzer); absent for staff, bot and system',
      language: 'zh | en | mixed (nlu detectLanguage); absent when the text has no letters',
    },
  },
  {
    type: 'routing.assigned',
    emitter: 'routing (assign-waiting)',
    emitted: true,
    when: 'the assigner hands a waiting conversation to an agent',
    data: { agentId: 'the agent', team: 'the team queue', channel: 'the channel', waitedMs: 'time in the queue' },
  },
  {
    type: 'routing.transferred / routing.escalated',
    emitter: 'routing (transfer-to-team)',
    emitted: true,
    when: 'a conversation moves to another team queue',
    data: { team: 'the new team', level: 'escalation level', from: 'the previous agent' },
  },
  {
    type: 'conversation.routed',
    emitter: 'routing (enqueue)',
    emitted: true,
    when: 'a conversation enters a queue (its team before anyone is assigned, so abandoned ones get a team too)',
    data: { team: 'the team queue', priority: 'the computed priority', reason: 'the hand-off reason' },
  },
  {
    type: 'survey.submitted',
    emitter: 'conversations (submit-survey, the widget survey)',
    emitted: true,
    when: 'the customer rates a resolved conversation, once',
    data: {
      surveyId: 'widget: the survey survey.offered named (older events lack it and read as widget)',
      csat: '1–5',
      nps: '0–10 or null',
      commented: 'whether a comment was left',
      comment: 'the comment, up to 1,000 characters, or null',
      assigneeId: 'the agent rated',
    },
  },
  {
    type: 'bot.turn',
    emitter: 'bot (respond)',
    emitted: true,
    when: 'the bot decides on one customer message',
    data: {
      intent: 'the top intent at or above the threshold, else absent',
      confidence: '0…1',
      decision: 'answer | clarify | flow | fallback | handoff | small_talk',
      outcome:
        'answered | not_understood | knowledge_gap (intent known, no article) | flow_failed | flow_abandoned | asked_for_human',
      repeated: 'true when the customer repeated an earlier question',
      articleId: 'the article answered from',
      language: 'zh | en',
      sentiment: '−1…1',
    },
  },
  {
    type: 'knowledge.gap',
    emitter: 'knowledge (record-knowledge-gap, from the knowledge-gaps worker)',
    emitted: true,
    when: 'a customer question the bot fell back on or had to clarify is logged into a knowledge gap',
    data: {
      gapId: 'the gap (cluster of near-duplicate questions) it joined',
      question: 'the text',
      intent: 'the bot’s top intent when it had one',
      confidence: 'the best article’s confidence, or null',
      unanswered: 'true when the bot had no article at all',
    },
  },
  {
    type: 'survey.offered',
    emitter: 'conversations (record-transition)',
    emitted: true,
    when: 'a web-widget conversation is resolved: the widget asks its customer for CSAT (and optional NPS)',
    data: {
      surveyId: 'one survey per conversation: widget (offered again after a reopen, counted once)',
      kind: 'csat | nps',
      channel: 'the inbox channel that asks',
    },
  },
  {
    type: 'survey.answered',
    emitter: 'conversations (surveys); the generic form of survey.submitted, one event per question',
    emitted: false,
    when: 'the customer answers; a second answer replaces the first (counted once)',
    data: { surveyId: 'as offered', kind: 'csat (1–5) | nps (0–10)', score: 'the answer', comment: 'free text' },
  },
  {
    type: 'bot.version_changed',
    emitter: 'knowledge (go-live: publish, archive, live rollback) / bot (version-marker: settings, intents, flows)',
    emitted: true,
    when: 'what the bot answers from or how it decides changes; no conversation id',
    data: {
      kind: 'knowledge | model',
      version: 'an opaque label (article@liveVersion, or the bot configuration’s version)',
      note: 'what changed',
    },
  },
];

/** The hand-off reasons bot emits in `conversation.transitioned.reason` as `handoff:<reason>`. */
export const HANDOFF_PREFIX = 'handoff:';
