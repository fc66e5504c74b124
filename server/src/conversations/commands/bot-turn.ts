import {
  type BotReply,
  type BotTurn,
  botEnabled,
  findHandoffBrief,
  handoffNotice,
  respond,
  workspaceBot,
} from '../../bot/index.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { queryTemplate } from '../../platform/db/query-template.ts';
import { newId } from '../../platform/ids.ts';
import { enqueueConversation } from '../../routing/commands/enqueue-conversation.ts';
import { CONVERSATION_TOPICS, publishEvent } from '../events.ts';
import { reportBotTurn } from '../report-bot-turn.ts';
import type { ConversationRecord, ConversationStatus, MessageRecord } from '../schema.ts';
import type { Executor } from '../store.ts';
import { announceBotReplies, BOT, type BotReplyDraft, type StoredBotReply, storeBotReplies } from './bot-replies.ts';
import { receiveMessage } from './receive-message.ts';
import { transitionConversation } from './transition-conversation.ts';

/** Topics of the bot's effects, published after they are stored (webhooks, tickets and consoles listen). */
export const BOT_TOPICS = {
  handedOff: 'conversation.handed_off',
  ticketRequested: 'conversation.ticket_requested',
} as const;

/** A bot that answers within this long shows no typing indicator: its answer arrives before one would be noticed. */
const TYPING_AFTER_MS = 300;

/**
 * Lets the bot answer one stored customer message and applies its decision: the replies become bot messages (in
 * order, each idempotent on a key derived from the customer's message, so a repeated turn never doubles them, and
 * stored in the transaction that saves the bot's state, so they are sent only once it committed), a
 * hand-off moves the conversation to the queue with its team and priority and tells the customer where they stand,
 * a ticket request goes out on the bus, and a goodbye may resolve the conversation.
 */
export async function runBotTurn(
  ctx: ServiceContext,
  trigger: { message: MessageRecord; conversation: ConversationRecord },
) {
  const { message } = trigger;
  if (message.senderType !== 'contact' || message.private) return;
  // A workspace without its bot on pays nothing more per message (the answer is cached).
  if (!(await botEnabled(ctx, message.workspaceId))) return;
  // The status now (an agent may have taken over since the message was stored) and the customer's tier and locale,
  // in one statement.
  const now = (await turnContextOf(ctx.db, { workspaceId: message.workspaceId, id: message.conversationId })).rows[0];
  if (!now) return;
  const conversation: ConversationRecord = { ...trigger.conversation, status: now.status, language: now.language };
  if (conversation.status !== 'bot' && conversation.status !== 'queued') return;
  const typing =
    conversation.status === 'bot' ? setTimeout(() => void showTyping(ctx, conversation), TYPING_AFTER_MS) : undefined;
  let turn: BotTurn | undefined;
  const stored: StoredTurn = { replies: [] };
  try {
    turn = await respond(ctx, {
      workspaceId: conversation.workspaceId,
      conversation: { id: conversation.id, status: conversation.status, language: conversation.language },
      contact: { tier: now.tier ?? null, locale: now.locale ?? null },
      message: { seq: message.seq, text: message.text, createdAt: message.createdAt },
      // The turn's reporting event and its replies commit with the bot's state: one write per answered message.
      // (Bound rather than a closure: under tsx a named closure costs a defineProperty on every turn.)
      record: recordTurn.bind(undefined, ctx, conversation, message, stored),
    });
  } finally {
    clearTimeout(typing);
  }
  if (!turn) return;
  await announceBotReplies(ctx, stored.replies);
  await applyTurn(ctx, conversation, message, turn);
}

/** The replies a turn stored, to announce once its transaction committed. */
interface StoredTurn {
  replies: StoredBotReply[];
}

/** In the transaction that saves the bot's state (see respond): the turn's `bot.turn` event and its replies. */
async function recordTurn(
  ctx: ServiceContext,
  conversation: ConversationRecord,
  trigger: MessageRecord,
  stored: StoredTurn,
  trx: Executor,
  turn: BotTurn,
): Promise<void> {
  const at = ctx.clock.now();
  await reportBotTurn(trx, at, trigger, turn);
  stored.replies = await storeBotReplies(trx, conversation.workspaceId, conversation.id, at, draftsOf(trigger, turn));
}

/** What the bot's decision keeps on each reply: the decision, its reason and evidence, visible to agents. */
function decisionMeta(decision: BotTurn['decision']) {
  return {
    decision: decision.kind,
    reason: decision.reason,
    evidence: decision.evidence,
    ...(decision.handoff ? { handoff: decision.handoff.reason, team: decision.handoff.team } : {}),
  };
}

function replyMeta(reply: BotReply, bot: Record<string, unknown>) {
  return {
    bot,
    ...(reply.quickReplies?.length ? { quickReplies: reply.quickReplies } : {}),
    ...(reply.cards?.length ? { cards: reply.cards } : {}),
  };
}

function draftsOf(trigger: MessageRecord, turn: BotTurn): BotReplyDraft[] {
  const bot = decisionMeta(turn.decision);
  return turn.decision.replies.map((reply, index) => ({
    reply,
    clientMessageId: `bot-${trigger.id}-${index}`,
    meta: replyMeta(reply, bot),
  }));
}

const turnContextOf = queryTemplate<
  { workspaceId: string; id: string },
  { status: ConversationStatus; language: string | null; tier: string | null; locale: string | null }
>((db, p) =>
  db
    .selectFrom('conversations')
    .leftJoin('contacts', (join) =>
      join
        .onRef('contacts.id', '=', 'conversations.contact_id')
        .onRef('contacts.workspace_id', '=', 'conversations.workspace_id'),
    )
    .select(['conversations.status', 'conversations.language', 'contacts.tier', 'contacts.locale'])
    .where('conversations.workspace_id', '=', p('workspaceId'))
    .where('conversations.id', '=', p('id')),
);

/** The turn's effects beyond its replies (stored and announced already): a ticket, a hand-off, a resolution. */
async function applyTurn(ctx: ServiceContext, conversation: ConversationRecord, trigger: MessageRecord, turn: BotTurn) {
  const { decision } = turn;
  if (decision.ticket) {
    await publishBotEvent(ctx, BOT_TOPICS.ticketRequested, conversation.workspaceId, {
      ticket: decision.ticket,
      conversationId: conversation.id,
      contactId: conversation.contactId,
    });
  }
  if (decision.handoff) {
    const { reason, team, priority } = decision.handoff;
    await setRouting(ctx, conversation, team, priority);
    const moved = await transitionConversation(ctx, {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      to: 'queued',
      actor: BOT,
      reason: `handoff:${reason}`,
    }).catch(() => undefined);
    if (moved?.conversation.status === 'queued') {
      const place = await enqueueConversation(ctx, {
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        team,
        priority,
        reason,
      });
      const bot = await workspaceBot(ctx, conversation.workspaceId);
      if (bot) {
        // The notice follows the turn's replies and numbers on from them (idempotent like they are).
        const notice = handoffNotice(bot.settings, turn.locale, place);
        await receiveMessage(ctx, {
          workspaceId: conversation.workspaceId,
          target: { conversationId: conversation.id },
          sender: BOT,
          actor: BOT,
          clientMessageId: `bot-${trigger.id}-${decision.replies.length}`,
          text: notice.text,
          meta: replyMeta(notice, { ...decisionMeta(decision), queue: place }),
        });
      }
      await publishBotEvent(ctx, BOT_TOPICS.handedOff, conversation.workspaceId, {
        conversationId: conversation.id,
        contactId: conversation.contactId,
        reason,
        team,
        priority,
        queue: place,
        brief: await findHandoffBrief(ctx, conversation.workspaceId, conversation.id),
      });
    }
  }
  if (decision.resolve) {
    await transitionConversation(ctx, {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      to: 'resolved',
      actor: BOT,
      reason: 'bot_resolved',
    }).catch((error: unknown) => ctx.logger.warn({ err: error }, 'bot could not resolve the conversation'));
  }
}

/** The hand-off's team and priority live on the conversation, where the console and routing read them. */
async function setRouting(ctx: ServiceContext, conversation: ConversationRecord, team: string, priority: number) {
  await ctx.db
    .updateTable('conversations')
    .set({ team, priority, updated_at: ctx.clock.now() })
    .where('workspace_id', '=', conversation.workspaceId)
    .where('id', '=', conversation.id)
    .execute();
}

async function showTyping(ctx: ServiceContext, conversation: ConversationRecord) {
  await publishEvent(ctx, CONVERSATION_TOPICS.typing, conversation.workspaceId, {
    conversationId: conversation.id,
    contactId: conversation.contactId,
    senderType: 'bot',
    senderId: null,
  });
}

async function publishBotEvent(ctx: ServiceContext, topic: string, workspaceId: string, payload: unknown) {
  try {
    await ctx.bus.publish(topic, { type: topic, workspaceId, id: newId('evt'), at: ctx.clock.now(), payload });
  } catch (error) {
    ctx.logger.error({ err: error, topic }, 'could not publish event');
  }
}
