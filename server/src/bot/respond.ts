import type { ServiceContext } from '../platform/context.ts';
import { writeTransaction } from '../platform/db/write-batcher.ts';
import { newId } from '../platform/ids.ts';
import {
  type BotState,
  expireSlots,
  recordCustomerTurn,
  recordQuestion,
  resumeAfterHandback,
  slotValues,
} from './context.ts';
import { callAction } from './flows/http-action.ts';
import { decide } from './policy.ts';
import { type BotWiring, botWiring, type WorkspaceBot, workspaceBot } from './runtime.ts';
import type { BotDecision, FlowDefinition, Locale } from './schema.ts';
import { type Executor, loadState, saveState } from './store.ts';
import { say, TEXTS } from './texts.ts';
import { keepState, takeState } from './warm-states.ts';

export interface RespondInput {
  workspaceId: string;
  conversation: { id: string; status: string; language: string | null };
  contact: { tier: string | null; locale: string | null };
  /** The customer's message, already stored. */
  message: { seq: number; text: string; createdAt: number };
  /**
   * Written in the transaction that saves the new state, for a turn that was not silent: whatever records the turn
   * (a reporting event) commits with it or not at all, once per answered message, and costs no commit of its own.
   */
  record?: (trx: Executor, turn: BotTurn) => Promise<void>;
}

export interface BotTurn {
  decision: BotDecision;
  locale: Locale;
}

/** Another turn of the same conversation saved first this many times in a row: give up (it answered instead). */
const MAX_ATTEMPTS = 5;

/**
 * The bot's turn for one stored customer message: understand it against the conversation's state, decide, and save
 * the new state (compare-and-set, so two processes answering the same conversation never both reply). Returns
 * undefined when the bot stays silent: it is off, an agent owns the conversation, or this message was answered.
 * The caller (conversations) writes the replies and applies a hand-off.
 */
export async function respond(ctx: ServiceContext, input: RespondInput): Promise<BotTurn | undefined> {
  const bot = await workspaceBot(ctx, input.workspaceId);
  if (!bot?.enabled) return undefined;
  if (input.conversation.status !== 'bot' && input.conversation.status !== 'queued') return undefined;
  const conversationId = input.conversation.id;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // The state this process saved last, when it still has it; the compare-and-set below catches it being stale.
    const stored =
      (attempt === 1 ? takeState(ctx.db, conversationId) : undefined) ??
      (await loadState(ctx.db, input.workspaceId, conversationId));
    const state = stored.state;
    if (input.message.seq <= state.lastHandledSeq) {
      keepState(ctx.db, conversationId, stored);
      return undefined;
    }
    const turn = await decideTurn(ctx, bot, state, input, stored.version === 0);
    const silent = turn.decision.kind === 'silent';
    // On SQLite the write shares a commit with the other writes of this moment (group commit).
    const saved = await writeTransaction(ctx.db, ctx.engine, async (trx) => {
      if (!(await saveState(trx, input.workspaceId, conversationId, state, stored.version, ctx.clock.now())))
        return false;
      if (input.record && !silent) await input.record(trx, turn);
      return true;
    });
    if (saved) {
      keepState(ctx.db, conversationId, { state, version: stored.version + 1 });
      return silent ? undefined : turn;
    }
  }
  ctx.logger.warn({ conversationId: input.conversation.id }, 'bot turn lost every race; another turn answered');
  return undefined;
}

async function decideTurn(
  ctx: ServiceContext,
  bot: WorkspaceBot,
  state: BotState,
  input: RespondInput,
  fresh: boolean,
): Promise<BotTurn> {
  const now = ctx.clock.now();
  if (fresh) state.language = localeOf(input.conversation.language ?? input.contact.locale, 'zh');
  if (input.conversation.status === 'bot' && state.handoff) resumeAfterHandback(state);
  expireSlots(state, now, bot.settings.slotTtlMs);
  const understanding = bot.understander.understand(input.message.text, {
    previousIntent: state.currentIntent ?? undefined,
    slots: slotValues(state),
    referenceTime: now,
  });
  const locale = localeOfMessage(input.message.text, understanding.entities, state.language);
  recordCustomerTurn(state, {
    seq: input.message.seq,
    text: input.message.text,
    sentiment: understanding.sentiment.score,
    anger: understanding.sentiment.emotions.anger ?? 0,
    at: now,
    language: locale,
  });
  if (input.conversation.status === 'queued')
    return { decision: whileQueued(state, input.message.text, locale), locale };
  const repeats = recordQuestion(state, understanding.normalized);
  const wiring = botWiring(ctx);
  // Bound, not written as closures: under tsx every named closure costs a defineProperty (keepNames) on each turn.
  const decision = await decide({
    bot,
    state,
    text: input.message.text,
    understanding,
    locale,
    contactTier: input.contact.tier,
    repeats,
    now,
    searchKnowledge: searchFor.bind(undefined, ctx, wiring, input.workspaceId, locale),
    runAction: actionFor.bind(undefined, ctx, wiring, bot, input),
  });
  return { decision, locale };
}

function searchFor(ctx: ServiceContext, wiring: BotWiring, workspaceId: string, locale: Locale, query: string) {
  return wiring
    .knowledge(ctx, workspaceId, query, { language: locale, limit: 5, channel: 'web_widget' })
    .catch((error: unknown) => {
      // The knowledge base failing must not silence the bot: it answers as if nothing was found.
      ctx.logger.warn({ err: error }, 'knowledge search failed');
      return [];
    });
}

function actionFor(
  ctx: ServiceContext,
  wiring: BotWiring,
  bot: WorkspaceBot,
  input: RespondInput,
  flow: FlowDefinition,
  slots: Record<string, string>,
) {
  return callAction({
    action: flow.action as NonNullable<typeof flow.action>,
    slots,
    context: { workspaceId: input.workspaceId, conversationId: input.conversation.id, intent: flow.intent },
    baseUrl: bot.settings.actionBaseUrl || wiring.selfUrl,
    secret: bot.settings.actionSecret,
    now: () => ctx.clock.now(),
    fetch: wiring.fetch,
  });
}

/**
 * Waiting for an agent: the bot only takes the customer's choice among leave-a-message, call-back and keep waiting,
 * and turns the next message into a ticket. Anything else is for the agent; the bot stays quiet.
 */
function whileQueued(state: BotState, text: string, locale: Locale): BotDecision {
  const evidence = {
    intents: [],
    sentiment: { score: state.sentiment.at(-1) ?? 0, anger: state.anger, trend: 0 },
    knowledge: [],
    entities: [],
    followUp: false,
  };
  const choice = text.trim();
  const is = (t: { zh: string; en: string }) => choice === t.zh || choice.toLowerCase() === t.en.toLowerCase();
  if (state.awaiting) {
    const kind = state.awaiting;
    state.awaiting = null;
    const ticketId = newId('tkt');
    return {
      kind: 'leave_message',
      reason: `ticket:${kind}`,
      evidence,
      replies: [{ text: say(TEXTS.messageTaken, locale, { ticket: ticketId }) }],
      ticket: {
        id: ticketId,
        kind,
        subject: kind === 'callback' ? say(TEXTS.callback, locale) : say(TEXTS.leaveMessage, locale),
        fields: { message: text.slice(0, 2000), ...slotValues(state) },
        priority: 'normal',
      },
    };
  }
  if (is(TEXTS.leaveMessage) || is(TEXTS.callback)) {
    state.awaiting = is(TEXTS.callback) ? 'callback' : 'message';
    const prompt = state.awaiting === 'callback' ? TEXTS.callbackPrompt : TEXTS.leaveMessagePrompt;
    return {
      kind: 'leave_message',
      reason: `offer:${state.awaiting}`,
      evidence,
      replies: [{ text: say(prompt, locale) }],
    };
  }
  if (is(TEXTS.keepWaiting)) {
    return {
      kind: 'leave_message',
      reason: 'offer:keep_waiting',
      evidence,
      replies: [{ text: say(TEXTS.keepWaitingOk, locale) }],
    };
  }
  return { kind: 'silent', reason: 'waiting_for_agent', evidence, replies: [] };
}

/**
 * The language to answer in: Chinese when the message has Chinese characters, English when it has English words
 * besides the entities (an order number alone is no reason to switch), otherwise the conversation's language.
 */
function localeOfMessage(text: string, entities: Array<{ start: number; end: number }>, current: Locale): Locale {
  if (/[\u3400-\u9fff]/.test(text)) return 'zh';
  let rest = text;
  for (const e of [...entities].sort((a, b) => b.start - a.start)) rest = rest.slice(0, e.start) + rest.slice(e.end);
  return /[a-z]{2,}[^a-z]+[a-z]{2,}|[a-z]{4,}/i.test(rest) ? 'en' : current;
}

export function localeOf(value: string | null | undefined, fallback: Locale): Locale {
  if (!value) return fallback;
  return value.toLowerCase().startsWith('en') ? 'en' : value.toLowerCase().startsWith('zh') ? 'zh' : fallback;
}
