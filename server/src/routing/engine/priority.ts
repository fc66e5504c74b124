import { AppError } from '../../platform/errors.ts';
import type { PriorityParams, PriorityWeights, ValueTier, WaitingConversation } from './types.ts';

export const DEFAULT_WEIGHTS: PriorityWeights = { value: 3, complexity: 2, sentiment: 3, waiting: 2, sla: 1 };

export const DEFAULT_PRIORITY_PARAMS: PriorityParams = {
  weights: DEFAULT_WEIGHTS,
  agingSeconds: 300,
  slaSeconds: { default: 120, web_widget: 60, api: 300 },
  tierValue: { vip: 1, regular: 0.5, new: 0.3 },
};

const WEIGHT_KEYS = ['value', 'complexity', 'sentiment', 'waiting', 'sla'] as const;

/**
 * Refuses weights that cannot rank anything: a negative weight would turn a factor upside down (an angry customer
 * served last), a zero sum makes every conversation equal. Both are a 400 `invalid_routing_weights`.
 */
export function assertWeights(weights: PriorityWeights): void {
  const problems: string[] = [];
  for (const key of WEIGHT_KEYS) {
    const value = weights[key];
    if (!Number.isFinite(value)) problems.push(`${key} is not a number`);
    else if (value < 0) problems.push(`${key} is negative`);
  }
  const sum = WEIGHT_KEYS.reduce((total, key) => total + (Number.isFinite(weights[key]) ? weights[key] : 0), 0);
  if (problems.length === 0 && sum <= 0) problems.push('the weights sum to zero');
  if (problems.length > 0) {
    throw new AppError('invalid_routing_weights', `Routing weights rejected: ${problems.join('; ')}`, {
      details: { weights, problems },
    });
  }
}

const clamp01 = (n: number) => (n < 0 ? 0 : Math.min(n, 1));

export function tierValue(params: PriorityParams, tier: ValueTier): number {
  return clamp01(params.tierValue[tier] ?? 0);
}

/**
 * The priority of a waiting conversation now: a weighted sum of value, complexity, anger, waiting time and the
 * share of its channel's response target already used, divided by the weights' sum. Every factor but the two time
 * factors lies in 0..1; waiting grows without bound (one unit per `agingSeconds`), so a conversation that waits long
 * enough overtakes any newcomer: nobody starves. Higher is served first.
 */
export function priorityOf(params: PriorityParams, conversation: WaitingConversation, now: number): number {
  // The plain form, allocating nothing (board and line callers score one conversation at a time); the same
  // operations in the same order as scaledPriority(fixedScore(…)), so both give the same number bit for bit.
  const w = params.weights;
  const waitedSeconds = Math.max(0, now - conversation.enqueuedAt) / 1000;
  const sla = params.slaSeconds[conversation.channel] ?? params.slaSeconds.default;
  const score =
    w.value * tierValue(params, conversation.valueTier) +
    w.complexity * clamp01(conversation.complexity) +
    w.sentiment * clamp01((1 - conversation.sentiment) / 2) +
    w.waiting * (waitedSeconds / Math.max(1, params.agingSeconds)) +
    w.sla * Math.min(2, waitedSeconds / Math.max(1, sla));
  const sum = w.value + w.complexity + w.sentiment + w.waiting + w.sla;
  return sum > 0 ? score / sum : 0;
}

/**
 * priorityOf's numbers that depend on the parameters alone, worked out once per planning pass so a scan of a long
 * line does only the arithmetic that depends on the conversation and the clock. scaledPriority with these gives
 * priorityOf's result bit for bit (same operations in the same order; priority.test.ts checks it).
 */
export interface PriorityScale {
  value: number;
  complexity: number;
  sentiment: number;
  waiting: number;
  sla: number;
  /** max(1, agingSeconds). */
  agingDivisor: number;
  /** The weights' sum. */
  sum: number;
  vip: number;
  regular: number;
  new: number;
  params: PriorityParams;
}

export function priorityScale(params: PriorityParams): PriorityScale {
  const w = params.weights;
  return {
    value: w.value,
    complexity: w.complexity,
    sentiment: w.sentiment,
    waiting: w.waiting,
    sla: w.sla,
    agingDivisor: Math.max(1, params.agingSeconds),
    sum: w.value + w.complexity + w.sentiment + w.waiting + w.sla,
    vip: tierValue(params, 'vip'),
    regular: tierValue(params, 'regular'),
    new: tierValue(params, 'new'),
    params,
  };
}

/** max(1, the channel's response target in seconds): what the SLA factor divides by. */
export function slaDivisor(scale: PriorityScale, channel: string): number {
  const sla = scale.params.slaSeconds;
  return Math.max(1, sla[channel] ?? sla.default);
}

/** The weighted value, complexity and anger (the part of the score that does not change while it waits). */
export function fixedScore(scale: PriorityScale, conversation: WaitingConversation): number {
  const tier = conversation.valueTier;
  const value =
    tier === 'vip'
      ? scale.vip
      : tier === 'regular'
        ? scale.regular
        : tier === 'new'
          ? scale.new
          : tierValue(scale.params, tier);
  return (
    scale.value * value +
    scale.complexity * clamp01(conversation.complexity) +
    scale.sentiment * clamp01((1 - conversation.sentiment) / 2)
  );
}

/** The priority from the fixed score and the SLA divisor: adds the two waiting factors and divides by the sum. */
export function scaledPriority(
  scale: PriorityScale,
  fixed: number,
  slaDivisor: number,
  conversation: WaitingConversation,
  now: number,
): number {
  const waited = now - conversation.enqueuedAt;
  const waitedSeconds = Math.max(0, waited) / 1000;
  const score =
    fixed + scale.waiting * (waitedSeconds / scale.agingDivisor) + scale.sla * Math.min(2, waitedSeconds / slaDivisor);
  return scale.sum > 0 ? score / scale.sum : 0;
}

/** Orders by priority (higher first), then arrival (earlier first), then id, so every caller sees the same line. */
export function compareWaiting(a: { priority: number; enqueuedAt: number; id: string }, b: typeof a): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.enqueuedAt !== b.enqueuedAt) return a.enqueuedAt - b.enqueuedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Complexity 0..1 from what the bot learned: why it handed off, how long it tried, how hard the intent is. */
export function complexityOf(input: { reason?: string | null; botTurns?: number; intentLevel?: number }): number {
  const byReason: Record<string, number> = {
    complaint: 0.9,
    sensitive_intent: 0.8,
    negative_sentiment: 0.6,
    flow_failed: 0.6,
    repeated_question: 0.5,
    consecutive_misses: 0.5,
    vip_customer: 0.4,
    asks_for_human: 0.3,
  };
  const reason = input.reason ? (byReason[input.reason] ?? 0.4) : 0.4;
  const turns = Math.min(1, (input.botTurns ?? 0) / 10);
  const intent = input.intentLevel ? (input.intentLevel - 1) / 2 : 0;
  return clamp01(0.6 * reason + 0.2 * turns + 0.2 * intent);
}
