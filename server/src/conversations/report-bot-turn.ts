import type { Kysely } from 'kysely';
import type { BotTurn } from '../bot/index.ts';
import type { Tables } from '../platform/db/tables.ts';
import { appendReportingEvent } from '../platform/reporting.ts';
import type { MessageRecord } from './schema.ts';

// Below this the bot did not really know what the customer wanted; above it, a missing answer is a knowledge gap.
const KNOWN_INTENT = 0.5;

/** What a turn meant for the customer, in the words of the analytics catalogue (analytics/event-catalogue.ts). */
export function turnOutcome(turn: BotTurn): string | undefined {
  const { decision } = turn;
  const topIntent = decision.evidence.intents[0];
  switch (decision.kind) {
    case 'answer':
    case 'flow':
    case 'small_talk':
      return 'answered';
    case 'fallback':
      return topIntent && topIntent.confidence >= KNOWN_INTENT ? 'knowledge_gap' : 'not_understood';
    case 'handoff':
      if (decision.handoff?.reason === 'asks_for_human') return 'asked_for_human';
      if (decision.handoff?.reason === 'flow_failed') return 'flow_failed';
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Appends one `bot.turn` reporting event per customer message the bot decided on, so reports can count containment
 * misses, top intents, knowledge gaps and the sentiment of bot-only conversations. Written in the transaction that
 * saves the bot's state for that turn.
 */
export async function reportBotTurn(
  trx: Kysely<Tables>,
  at: number,
  trigger: MessageRecord,
  turn: BotTurn,
): Promise<void> {
  const { decision } = turn;
  // A silent turn is the bot standing aside (an agent owns the conversation): not a turn the bot took.
  if (decision.kind === 'silent') return;
  const topIntent = decision.evidence.intents[0];
  const outcome = turnOutcome(turn);
  await appendReportingEvent(trx, {
    workspaceId: trigger.workspaceId,
    type: 'bot.turn',
    conversationId: trigger.conversationId,
    actor: { type: 'bot', id: null },
    data: {
      messageId: trigger.id,
      decision: decision.kind,
      reason: decision.reason,
      ...(topIntent && topIntent.confidence >= KNOWN_INTENT
        ? { intent: topIntent.name, confidence: topIntent.confidence }
        : {}),
      ...(outcome ? { outcome } : {}),
      repeated: decision.handoff?.reason === 'repeated_question' || decision.evidence.rule === 'repeated_question',
      ...(decision.kind === 'answer' && decision.evidence.knowledge[0]
        ? { articleId: decision.evidence.knowledge[0].articleId }
        : {}),
      language: turn.locale === 'en' ? 'en' : 'zh',
      sentiment: decision.evidence.sentiment.score,
    },
    at,
  });
}
