import { z } from 'zod';

/** The bot's vocabulary: settings, flows and the decisions it hands back to the conversation. */

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A text in both languages; every text a customer reads exists in zh-CN and en. */
export const Bilingual = z.strictObject({ zh: z.string().min(1).max(2000), en: z.string().min(1).max(2000) });
export type Bilingual = z.infer<typeof Bilingual>;

export const HANDOFF_REASONS = [
  'asks_for_human',
  'consecutive_misses',
  'negative_sentiment',
  'vip_customer',
  'sensitive_intent',
  'repeated_question',
  'complaint',
  'flow_failed',
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/** What happens when a hand-off finds nobody online. */
export const NOBODY_ONLINE = ['leave_message', 'callback', 'stay_queued'] as const;

export const BotSettings = z.strictObject({
  /** Answer from the knowledge base when the best hit's calibrated confidence reaches this. */
  answerThreshold: z.number().min(0).max(1).default(0.6),
  /** Below the answer threshold but above this, with close runners-up, ask which one was meant. */
  clarifyThreshold: z.number().min(0).max(1).default(0.3),
  /** Two candidates are "close" when their confidences differ by less than this. */
  clarifyMargin: z.number().min(0).max(1).default(0.15),
  /** An intent counts when its confidence reaches this. */
  intentThreshold: z.number().min(0).max(1).default(0.5),
  /**
   * ... and when at least this share of the message's content words occur in that intent's example phrases (see
   * intent-support.ts): below it the model is guessing, and the bot neither starts a flow nor hands off on it.
   */
  intentSupport: z.number().min(0).max(1).default(0.6),
  /** Filled slots are forgotten after this long without use. */
  slotTtlMs: z
    .number()
    .int()
    .min(1000)
    .default(30 * 60_000),
  handoff: z
    .strictObject({
      askForHuman: z.boolean().default(true),
      /** Hand off after this many answers in a row the bot could not give (0: never). */
      consecutiveMisses: z.number().int().min(0).max(20).default(3),
      /** Hand off when anger reaches this (0..1), or sentiment falls this far below its start over the last turns. */
      angerThreshold: z.number().min(0).max(1).default(0.6),
      negativeScore: z.number().min(-1).max(0).default(-0.6),
      fallingTrend: z.number().min(0).max(2).default(0.8),
      vipTiers: z.array(z.string()).default(['vip']),
      /** Intents that always go to a person. */
      sensitiveIntents: z.array(z.string()).default(['complaint', 'legal', 'cancel_account']),
      /** Refunds above this amount go to a person (in the workspace's currency); 0: never. */
      refundAmountLimit: z.number().min(0).default(1000),
      /** The same question this many times in a row. */
      repeatedQuestion: z.number().int().min(0).max(10).default(2),
      nobodyOnline: z.enum(NOBODY_ONLINE).default('leave_message'),
      /** Seconds an agent takes per conversation on average, for the estimated wait. */
      averageHandleSeconds: z.number().int().min(10).default(240),
    })
    .default({
      askForHuman: true,
      consecutiveMisses: 3,
      angerThreshold: 0.6,
      negativeScore: -0.6,
      fallingTrend: 0.8,
      vipTiers: ['vip'],
      sensitiveIntents: ['complaint', 'legal', 'cancel_account'],
      refundAmountLimit: 1000,
      repeatedQuestion: 2,
      nobodyOnline: 'leave_message',
      averageHandleSeconds: 240,
    }),
  /** Intent → team; the first rule naming the intent wins, `*` matches any. */
  teamRules: z
    .array(z.strictObject({ intent: z.string().min(1).max(100), team: z.string().min(1).max(100) }))
    .max(200)
    .default([]),
  defaultTeam: z.string().min(1).max(100).default('general'),
  /** Customer messages allowed per window before the bot answers once with a notice and waits. */
  flood: z
    .strictObject({ limit: z.number().int().min(1).default(8), windowMs: z.number().int().min(1000).default(10_000) })
    .default({ limit: 8, windowMs: 10_000 }),
  /** Shared secret the bot signs flow actions with (HMAC-SHA256); empty: unsigned. */
  actionSecret: z.string().max(200).default(''),
  /** Base of relative action URLs (the business's API); default: this server's own URL. */
  actionBaseUrl: z.string().max(500).default(''),
});
export type BotSettings = z.infer<typeof BotSettings>;

export const IntentExamples = z
  .array(z.strictObject({ intent: z.string().min(1).max(100), text: z.string().min(1).max(500) }))
  .max(20_000);

// ── flows ──────────────────────────────────────────────────────────────────────────────────────────────────────────

export const FlowSlot = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/),
  /** Entity types (from understanding) that fill this slot, in order of preference. */
  entities: z.array(z.string()).default([]),
  /** Take the customer's whole answer when no entity matched (free text such as a description or an address). */
  freeText: z.boolean().default(false),
  /** Allowed values, shown as quick replies; an answer must match one (by value or label). */
  choices: z
    .array(z.strictObject({ value: z.string().min(1).max(100), label: Bilingual }))
    .max(12)
    .optional(),
  /** The answer must match this (JavaScript regex source, case-insensitive). */
  pattern: z.string().max(300).optional(),
  prompt: Bilingual,
  reprompt: Bilingual,
  /** After this many failed answers the flow gives up (and hands off). */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  optional: z.boolean().default(false),
});
export type FlowSlot = z.infer<typeof FlowSlot>;

export const FlowAction = z.strictObject({
  type: z.literal('http'),
  method: z.enum(['GET', 'POST']).default('POST'),
  /** Absolute, or relative to the workspace's actionBaseUrl; `{{slot}}` placeholders are URL-encoded. */
  url: z.string().min(1).max(500),
  timeoutMs: z.number().int().min(50).max(30_000).default(3000),
  retries: z.number().int().min(0).max(5).default(2),
  /** Reply when the API answered: `{{response.path}}` and `{{slot}}` placeholders. */
  success: Bilingual,
  /** Replies for specific HTTP statuses (e.g. 404 → order not found). */
  statusReplies: z.record(z.string().regex(/^\d{3}$/), Bilingual).default({}),
  /** Reply when the API failed (timeout, 5xx, garbage); the flow then hands off. */
  failure: Bilingual,
  /** The response must contain these fields for `success` to be used. */
  requires: z.array(z.string().max(100)).default([]),
  /** A card shown with the success reply (e.g. an order summary); values are `{{response.path}}` templates. */
  card: z
    .strictObject({ fields: z.array(z.strictObject({ label: Bilingual, value: z.string().max(200) })).max(10) })
    .optional(),
});
export type FlowAction = z.infer<typeof FlowAction>;

export const FlowDefinition = z.strictObject({
  intent: z.string().min(1).max(100),
  name: Bilingual,
  /** Said once when the flow starts (e.g. an empathetic word for complaints). */
  intro: Bilingual.optional(),
  slots: z.array(FlowSlot).max(20),
  /** Asked after the slots are filled; yes runs the action, no cancels. */
  confirm: Bilingual.optional(),
  action: FlowAction.optional(),
  /** Reply when the flow completes without an action. */
  done: Bilingual.optional(),
  /** On completion: open a ticket of this kind and/or hand off with this reason. */
  ticket: z.enum(['complaint', 'message', 'callback', 'request']).optional(),
  handoff: z.enum(HANDOFF_REASONS).optional(),
});
export type FlowDefinition = z.infer<typeof FlowDefinition>;

// ── decisions ──────────────────────────────────────────────────────────────────────────────────────────────────────

export interface QuickReply {
  label: string;
  /** Sent back as the customer's text when chosen. */
  value: string;
}

export type Card =
  | { type: 'article'; articleId: string; title: string; url?: string }
  | { type: 'order'; orderNo: string; fields: Array<{ label: string; value: string }> };

export interface BotReply {
  text: string;
  quickReplies?: QuickReply[];
  cards?: Card[];
}

export type DecisionKind =
  | 'answer'
  | 'clarify'
  | 'flow'
  | 'small_talk'
  | 'fallback'
  | 'handoff'
  | 'flood_notice'
  | 'leave_message'
  | 'silent';

/** Why the bot did what it did: kept on the message so agents (and reports) can see it. */
export interface DecisionEvidence {
  intents: Array<{ name: string; confidence: number }>;
  sentiment: { score: number; anger: number; trend: number };
  knowledge: Array<{ articleId: string; confidence: number }>;
  entities: Array<{ type: string; text: string }>;
  followUp: boolean;
  /** How much of the message the top intent's example phrases cover (0..1), when the message has content words. */
  support?: { intent: string; score: number };
  rule?: string;
}

export interface HandoffRequest {
  reason: HandoffReason;
  team: string;
  /** Higher is served first. */
  priority: number;
}

export interface TicketRequest {
  /** Chosen by the bot, so whoever opens the ticket does it once however often the request is delivered. */
  id: string;
  kind: 'complaint' | 'message' | 'callback' | 'request';
  subject: string;
  fields: Record<string, string>;
  priority: 'low' | 'normal' | 'high' | 'urgent';
}

export interface BotDecision {
  kind: DecisionKind;
  /** Machine-readable rule that chose the decision (`kb_answer`, `clarify_close_candidates`, `handoff:…`). */
  reason: string;
  evidence: DecisionEvidence;
  replies: BotReply[];
  handoff?: HandoffRequest;
  ticket?: TicketRequest;
  /** The conversation may be resolved by the bot (the customer said goodbye after being helped). */
  resolve?: boolean;
}
