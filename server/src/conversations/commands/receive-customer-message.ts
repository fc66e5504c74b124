import { botEnabled } from '../../bot/index.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { scheduleBotTurn } from '../bot-turns.ts';
import { type ReceivedMessage, type ReceiveMessageOptions, receiveMessage } from './receive-message.ts';

export interface ReceivedAndAnswered extends ReceivedMessage {
  /** The bot's turn for this message, when the bot answers it; the caller acknowledges first, then may wait. */
  botTurn?: Promise<void>;
}

/**
 * The edges' entry for a message (widget, WS, API): stores it like `receiveMessage`, opening a customer's new
 * conversation with the bot when the workspace's bot is on, then schedules the bot's turn. A repeated
 * clientMessageId schedules it too: the bot answers each stored message once, so a turn lost to a crash is made good
 * and an answered one is not repeated.
 */
export async function receiveAndAnswer(
  ctx: ServiceContext,
  options: ReceiveMessageOptions,
): Promise<ReceivedAndAnswered> {
  const opensConversation = 'inboxId' in options.target && options.openAs === undefined;
  // Every customer message comes through here: the options are copied only when the bot changes how they open.
  const received =
    opensConversation && (await botEnabled(ctx, options.workspaceId))
      ? await receiveMessage(ctx, { ...options, openAs: 'bot' })
      : await receiveMessage(ctx, options);
  if (received.message.senderType !== 'contact') return received;
  const { message, conversation, duplicate } = received;
  return { message, conversation, duplicate, botTurn: scheduleBotTurn(ctx, received) };
}
