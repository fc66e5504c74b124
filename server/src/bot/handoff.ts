import type { Understanding } from '../nlu/index.ts';
import { type BotState, sentimentTrend } from './context.ts';
import type { BotSettings, HandoffReason, HandoffRequest } from './schema.ts';

/**
 * When the bot should step aside, as rules with reason codes (configurable per workspace in settings.handoff).
 * Each rule explains itself so the reason on the message tells an agent why they got the conversation.
 */

/** "转人工", "人工客服", "找个真人", "talk to a person", "real human" … any phrasing that asks for a person. */
const ASKS_FOR_HUMAN = [
  /转\s*人\s*工/,
  /人工(?!智能)/,
  /(真人|活人|客服人员|客服专员|接线员)/,
  /(找|要|叫|接|换)\s*(个)?\s*(人|客服|你们的?(经理|主管|领导))/,
  /不要\s*(跟)?\s*机器人/,
  /\b(talk|speak|chat)\s+(to|with)\s+(a|an|some)?\s*(real\s+)?(person|human|agent|someone|representative|manager)\b/i,
  /\b(human|live|real)\s+(agent|person|support|being)\b/i,
  /\bagent\s+please\b|\brepresentative\b|\boperator\b/i,
];

export const HANDOFF_BUTTON_VALUE = '转人工';

export function asksForHuman(text: string, understanding: Understanding, intentThreshold: number): boolean {
  if (ASKS_FOR_HUMAN.some((pattern) => pattern.test(text))) return true;
  const top = understanding.intents[0];
  return !understanding.outOfScope && top?.name === 'human_agent' && top.confidence >= intentThreshold;
}

export interface HandoffCheck {
  reason: HandoffReason;
  rule: string;
}

/** The rules that fire before the bot tries to answer at all. Undefined: let the bot try. */
export function handoffBeforeAnswer(input: {
  text: string;
  understanding: Understanding;
  state: BotState;
  settings: BotSettings;
  contactTier: string | null;
  repeats: number;
}): HandoffCheck | undefined {
  const { understanding, state, settings, text } = input;
  const rules = settings.handoff;
  const top = understanding.outOfScope ? undefined : understanding.intents[0];
  const intent = top && top.confidence >= settings.intentThreshold ? top.name : undefined;
  if (rules.askForHuman && asksForHuman(text, understanding, settings.intentThreshold)) {
    return { reason: 'asks_for_human', rule: 'customer_asked_for_a_person' };
  }
  const anger = understanding.sentiment.emotions.anger ?? 0;
  if (anger >= rules.angerThreshold)
    return { reason: 'negative_sentiment', rule: `anger ${round(anger)} ≥ ${rules.angerThreshold}` };
  // Words like 退款 or 投诉 score negative on their own: a person is called for sustained, worsening negativity.
  if (fallingForTurns(state.sentiment, 3) && understanding.sentiment.score <= rules.negativeScore) {
    return {
      reason: 'negative_sentiment',
      rule: `sentiment fell for 3 turns to ${round(understanding.sentiment.score)}`,
    };
  }
  const trend = sentimentTrend(state);
  if (
    trend <= -rules.fallingTrend &&
    understanding.sentiment.score <= rules.negativeScore &&
    anger >= rules.angerThreshold / 2
  ) {
    return { reason: 'negative_sentiment', rule: `sentiment fell by ${round(-trend)} with anger ${round(anger)}` };
  }
  if (intent && intent !== 'complaint' && rules.sensitiveIntents.includes(intent)) {
    return { reason: 'sensitive_intent', rule: `sensitive intent ${intent}` };
  }
  if (intent === 'refund_request' && rules.refundAmountLimit > 0) {
    const amount = largestAmount(understanding);
    if (amount !== undefined && amount > rules.refundAmountLimit) {
      return { reason: 'sensitive_intent', rule: `refund ${amount} > ${rules.refundAmountLimit}` };
    }
  }
  if (rules.repeatedQuestion > 0 && input.repeats > rules.repeatedQuestion) {
    return { reason: 'repeated_question', rule: `same question ${input.repeats} times` };
  }
  if (input.contactTier && rules.vipTiers.includes(input.contactTier) && intent && state.turnCount <= 1) {
    // A VIP with a real request gets a person straight away; greetings and thanks still get the bot.
    if (!['greeting', 'thanks', 'goodbye'].includes(intent))
      return { reason: 'vip_customer', rule: `tier ${input.contactTier}` };
  }
  return undefined;
}

/** After the bot could not answer: too many misses in a row. */
export function handoffAfterMiss(state: BotState, settings: BotSettings): HandoffCheck | undefined {
  const limit = settings.handoff.consecutiveMisses;
  if (limit > 0 && state.consecutiveMisses >= limit) {
    return { reason: 'consecutive_misses', rule: `${state.consecutiveMisses} misses in a row` };
  }
  return undefined;
}

/** Intent → team by the workspace's rules (first match; `*` matches any), else the default team. */
export function targetTeam(settings: BotSettings, intent: string | null): string {
  for (const rule of settings.teamRules) {
    if (rule.intent === '*' || rule.intent === intent) return rule.team;
  }
  return settings.defaultTeam;
}

/** Higher is served first: complaints and anger before a customer who simply asked for a person. */
const PRIORITY: Record<HandoffReason, number> = {
  complaint: 80,
  negative_sentiment: 70,
  vip_customer: 60,
  sensitive_intent: 50,
  flow_failed: 40,
  repeated_question: 30,
  consecutive_misses: 30,
  asks_for_human: 20,
};

export function handoffRequest(
  settings: BotSettings,
  reason: HandoffReason,
  intent: string | null,
  contactTier: string | null,
): HandoffRequest {
  const vipBonus = contactTier && settings.handoff.vipTiers.includes(contactTier) ? 15 : 0;
  return { reason, team: targetTeam(settings, intent), priority: PRIORITY[reason] + vipBonus };
}

function largestAmount(understanding: Understanding): number | undefined {
  let best: number | undefined;
  for (const entity of understanding.entities) {
    if (entity.type !== 'money') continue;
    const amount = (entity.value as { amount?: unknown } | null)?.amount;
    if (typeof amount === 'number' && (best === undefined || amount > best)) best = amount;
  }
  return best;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The last `turns` scores (the current one included) all negative, each lower than the one before. */
function fallingForTurns(scores: number[], turns: number): boolean {
  if (scores.length < turns) return false;
  const recent = scores.slice(-turns);
  return recent.every((score, i) => score < 0 && (i === 0 || score < (recent[i - 1] as number)));
}
