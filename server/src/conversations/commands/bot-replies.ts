import type { BotReply } from '../../bot/index.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { CONVERSATION_TOPICS, publishEvent } from '../events.ts';
import { appendMessageCreated } from '../message-created.ts';
import { messageSignals } from '../message-signals.ts';
import { insertMessage } from '../message-store.ts';
import type { ConversationRecord, MessageRecord } from '../schema.ts';
import { claimNextSeq, type Executor } from '../store.ts';

export const BOT = { type: 'bot', id: null } as const;

/** One of the bot's messages in reply to a customer message, as it is stored. */
export interface BotReplyDraft {
  reply: BotReply;
  /** `bot-<customer message id>-<n>`: a repeated turn finds its reply stored and never doubles it. */
  clientMessageId: string;
  meta: Record<string, unknown>;
}

/** A reply stored but not yet announced: publish it (`announceBotReplies`) only after its transaction committed. */
export interface StoredBotReply {
  message: MessageRecord;
  conversation: ConversationRecord;
}

/**
 * Stores the bot's replies inside the transaction that saves the bot's state for the turn, so a turn's state, its
 * `bot.turn` event and its replies cost one write (on SQLite, one savepoint of a shared group commit) instead of one
 * for the state and one per reply. Each reply takes the conversation's next seq and appends its `message.created`
 * event, as `receiveMessage` does for any sender; a bot message never changes the conversation's status, so none of
 * receiveMessage's status reactions apply. Throws when the conversation closed meanwhile or a reply is stored already
 * (impossible while the state's compare-and-set holds): the whole turn rolls back and nothing is announced.
 */
export async function storeBotReplies(
  trx: Executor,
  workspaceId: string,
  conversationId: string,
  now: number,
  drafts: BotReplyDraft[],
): Promise<StoredBotReply[]> {
  const stored: StoredBotReply[] = [];
  for (const draft of drafts) {
    const conversation = await claimNextSeq(trx, workspaceId, conversationId, now);
    if (!conversation) throw new Error('the conversation closed before the bot could answer');
    const message: MessageRecord = {
      id: newId('msg'),
      workspaceId,
      conversationId,
      seq: conversation.lastSeq,
      senderType: 'bot',
      senderId: null,
      clientMessageId: draft.clientMessageId,
      text: draft.reply.text,
      private: false,
      meta: draft.meta,
      createdAt: now,
    };
    if (!(await insertMessage(trx, message))) throw new Error(`bot reply ${draft.clientMessageId} is stored already`);
    await appendMessageCreated(trx, message, BOT, messageSignals(message.text, 'bot'));
    stored.push({ message, conversation });
  }
  return stored;
}

/** After the commit: the replies go out on the bus (the customer's socket, consoles, webhooks), in order. */
export async function announceBotReplies(ctx: ServiceContext, replies: StoredBotReply[]): Promise<void> {
  for (const reply of replies)
    await publishEvent(ctx, CONVERSATION_TOPICS.messageCreated, reply.message.workspaceId, reply);
}
