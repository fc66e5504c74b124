/**
 * The routing engine's vocabulary. Pure data: the engine decides who gets which conversation from these values
 * alone (no database, no clock reads), so the same code runs in the assigner, the property test and the simulator.
 */

export const VALUE_TIERS = ['vip', 'regular', 'new'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

/** Tiered handling: L1 answers the common questions, L2 the harder ones, L3 is the specialist desk. */
export const SUPPORT_LEVELS = [1, 2, 3] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];

export const STRATEGIES = ['best_match', 'round_robin', 'manual'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export type Channel = string;

/** An agent as the engine sees them: what they can do and how busy they are now. */
export interface AgentState {
  id: string;
  online: boolean;
  /** Skill → level 1..5. */
  skills: Record<string, number>;
  /** Languages spoken ('zh', 'en' …); empty means any. */
  languages: string[];
  teams: string[];
  /** The highest support level this agent handles. */
  level: SupportLevel;
  /** Maximum concurrent conversations per channel; a channel not listed takes none. */
  capacity: Record<Channel, number>;
  /** Conversations held now per channel. */
  load: Record<Channel, number>;
  /** When this agent was last given a conversation (round robin's rotation, ties of least load). */
  lastAssignedAt: number;
}

/** A conversation waiting for a person, with what its priority and eligibility are computed from. */
export interface WaitingConversation {
  id: string;
  team: string;
  channel: Channel;
  /** The customer's language; null when unknown (any agent will do). */
  language: string | null;
  /** Skill → minimum level the agent needs. */
  skills: Record<string, number>;
  level: SupportLevel;
  valueTier: ValueTier;
  /** 0 (simple) … 1 (hard), from the bot: intent tier, hand-off reason, bot turns. */
  complexity: number;
  /** -1 (angry) … 1 (happy). */
  sentiment: number;
  enqueuedAt: number;
  /** Set while a supervisor or transfer points the conversation at one agent; only they may get it. */
  reservedFor?: string | null;
}

/** How priority weighs each factor; per workspace. Each weight ≥ 0, at least one > 0. */
export interface PriorityWeights {
  value: number;
  complexity: number;
  sentiment: number;
  waiting: number;
  sla: number;
}

export interface PriorityParams {
  weights: PriorityWeights;
  /** Seconds of waiting that add one full unit to the waiting factor (aging: it keeps growing, so nobody starves). */
  agingSeconds: number;
  /** First-response target per channel, in seconds; `default` for the others. */
  slaSeconds: Record<Channel, number> & { default: number };
  /** The value factor of each tier (0..1). */
  tierValue: Record<ValueTier, number>;
}

/** A weekly opening schedule in the team's own time zone. */
export interface BusinessHours {
  /** IANA zone, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** Day of week (0 = Sunday … 6) → opening intervals as 'HH:MM-HH:MM'; a day not listed is closed. Empty = always open. */
  weekly: Partial<Record<0 | 1 | 2 | 3 | 4 | 5 | 6, string[]>>;
  /** Local dates 'YYYY-MM-DD' when the team is closed all day. */
  holidays: string[];
}

export interface TeamState {
  id: string;
  hours: BusinessHours | null;
}

export interface Assignment {
  conversationId: string;
  agentId: string;
}
