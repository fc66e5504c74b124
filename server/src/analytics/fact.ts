/** One conversation, pre-aggregated: what every metric needs, derived from that conversation's events alone. */
export interface ConversationFact {
  conversationId: string;
  workspaceId: string;
  /** The first event's time: every metric counts the conversation in the hour it started. */
  startedAt: number;
  /** When it was last resolved or closed; null while open. */
  endedAt: number | null;
  status: string;
  channel: string;
  team: string;
  /** The last human agent assigned ('' when none). */
  agent: string;
  intent: string;
  language: string;
  tier: string;
  customerMessages: number;
  botInvolved: boolean;
  botFrtMs: number | null;
  neededHuman: boolean;
  humanFrtMs: number | null;
  waitMs: number | null;
  handleMs: number | null;
  resolved: boolean;
  resolvedEver: boolean;
  fcr: boolean;
  contained: boolean;
  handedOff: boolean;
  handoffReason: string;
  abandoned: boolean;
  /** Service level: null while the outcome is unknown. */
  answeredInTarget: boolean | null;
  /** SLA: null while open and within both limits. */
  slaMet: boolean | null;
  csat: number | null;
  nps: number | null;
  surveyComment: string;
  surveysOffered: number;
  surveysAnswered: number;
  sentimentFirst: number | null;
  sentimentLast: number | null;
  reopens: number;
  agentsInvolved: number;
  knowledgeGap: boolean;
  botMisses: number;
  repeatedQuestion: boolean;
  flowFailed: boolean;
  /** Why the bot failed this conversation (post-mortem), or '' when it did not. */
  botFailure: BotFailureCause | '';
  /** Which definitions version computed this row. */
  definitionVersion: number;
}

export const BOT_FAILURE_CAUSES = [
  'not_understood',
  'knowledge_gap',
  'wrong_answer',
  'flow_failure',
  'wanted_person',
] as const;
export type BotFailureCause = (typeof BOT_FAILURE_CAUSES)[number];

/** What fold reads of a reporting event. */
export interface FoldEvent {
  id: string;
  type: string;
  at: number;
  actor_type: string;
  actor_id: string | null;
  data: Record<string, unknown>;
}
