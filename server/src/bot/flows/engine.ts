import type { Entity } from '../../nlu/index.ts';
import { newId } from '../../platform/ids.ts';
import { type BotState, fillSlot, slotValues } from '../context.ts';
import type { BotReply, Card, FlowDefinition, FlowSlot, HandoffReason, Locale, TicketRequest } from '../schema.ts';
import { fill, say, TEXTS } from '../texts.ts';
import { type ActionResult, safeValue } from './http-action.ts';
import { isCancel, isNo, isYes, readSlot } from './slots.ts';

/** What one customer message did to a flow. */
export interface FlowOutcome {
  replies: BotReply[];
  /** Machine-readable step: `prompt:order_no`, `reprompt:order_no`, `confirm`, `action:ok`, `cancelled` … */
  step: string;
  finished: boolean;
  handoff?: HandoffReason;
  ticket?: TicketRequest;
  action?: { status: number | null; ok: boolean; error?: string; attempts: number };
}

export interface FlowTurn {
  flow: FlowDefinition;
  state: BotState;
  text: string;
  entities: Entity[];
  locale: Locale;
  now: number;
  /** True on the message that started the flow. */
  starting: boolean;
  runAction: (flow: FlowDefinition, slots: Record<string, string>) => Promise<ActionResult>;
}

/**
 * Advances a declarative flow by one customer message: fill slots (from entities anywhere, from the answer to the
 * current prompt), re-prompt on an invalid answer, give up after the slot's attempts, confirm, run the action, and
 * finish with a reply, a ticket and/or a hand-off. The state's `flow` field is the only memory between turns.
 */
export async function advanceFlow(turn: FlowTurn): Promise<FlowOutcome> {
  const { flow, state, text, entities, locale, now } = turn;
  const replies: BotReply[] = [];
  if (turn.starting || !state.flow || state.flow.intent !== flow.intent) {
    state.flow = { intent: flow.intent, asking: null, attempts: 0, awaitingConfirm: false, startedAt: now };
    if (flow.intro) replies.push({ text: say(flow.intro, locale) });
  } else if (isCancel(text)) {
    state.flow = null;
    return { replies: [{ text: say(TEXTS.flowCancelled, locale) }], step: 'cancelled', finished: true };
  }
  const progress = state.flow;

  if (progress.awaitingConfirm) {
    if (isYes(text)) return finish(turn, replies);
    if (isNo(text)) {
      state.flow = null;
      return { replies: [{ text: say(TEXTS.flowCancelled, locale) }], step: 'declined', finished: true };
    }
    progress.attempts += 1;
    if (progress.attempts >= 3) return giveUp(turn, 'confirm');
    return { replies: [confirmReply(flow, state, locale, true)], step: 'reconfirm', finished: false };
  }

  // Values anywhere in the message fill any empty slot; the answer to the current prompt may also be free text.
  let answeredCurrent = false;
  for (const slot of flow.slots) {
    const asked = !turn.starting && progress.asking === slot.name;
    if (state.slots[slot.name] && !asked) continue;
    const value = readSlot(slot, text, entities, asked, locale);
    if (value !== undefined) {
      fillSlot(state, slot.name, value, now);
      if (asked) answeredCurrent = true;
    }
  }
  if (!turn.starting && progress.asking && !answeredCurrent && !state.slots[progress.asking]) {
    const slot = flow.slots.find((s) => s.name === progress.asking) as FlowSlot | undefined;
    if (slot) {
      progress.attempts += 1;
      if (progress.attempts >= slot.maxAttempts) return giveUp(turn, `slot:${slot.name}`);
      return { replies: [...replies, slotPrompt(slot, locale, true)], step: `reprompt:${slot.name}`, finished: false };
    }
  }

  const missing = flow.slots.find((s) => !s.optional && !state.slots[s.name]);
  if (missing) {
    if (progress.asking !== missing.name) progress.attempts = 0;
    progress.asking = missing.name;
    return {
      replies: [...replies, slotPrompt(missing, locale, false)],
      step: `prompt:${missing.name}`,
      finished: false,
    };
  }
  if (flow.confirm) {
    progress.asking = null;
    progress.awaitingConfirm = true;
    progress.attempts = 0;
    return { replies: [...replies, confirmReply(flow, state, locale, false)], step: 'confirm', finished: false };
  }
  return finish(turn, replies);
}

/**
 * Whether a message moves the flow in progress on: it cancels, answers the confirmation, fills the slot being asked
 * (or any empty slot through an entity such as an order number). A free-text slot (an address, a description)
 * takes any text, except a question: "运费谁出?" is not an address. False means the customer said something else.
 */
export function fitsFlow(
  flow: FlowDefinition,
  state: BotState,
  text: string,
  entities: Entity[],
  locale: Locale,
): boolean {
  const progress = state.flow;
  if (!progress || isCancel(text)) return true;
  if (progress.awaitingConfirm) return isYes(text) || isNo(text);
  for (const slot of flow.slots) {
    const asked = progress.asking === slot.name;
    if (state.slots[slot.name] && !asked) continue;
    if (asked && slot.freeText && looksLikeQuestion(text)) continue;
    // A choice of a later slot ("质量问题" while the order number is asked) is an answer too early, not a question.
    if (readSlot(slot, text, entities, asked || Boolean(slot.choices), locale) !== undefined) return true;
  }
  return false;
}

const QUESTION =
  /[?？]\s*$|[吗呢么]\s*[。.!！]?\s*$|^(请问|怎么|怎样|如何|为什么|为啥|是否|能否|可否|多久|多少|哪|谁|什么)|^(how|what|when|where|why|who|which|can|could|do|does|is|are|will|would|should)\b/i;

export function looksLikeQuestion(text: string): boolean {
  return QUESTION.test(text.trim());
}

/** The flow's pending question again, after the bot answered something else in between. */
export function resumePrompt(flow: FlowDefinition, state: BotState, locale: Locale): BotReply | undefined {
  const progress = state.flow;
  if (!progress) return undefined;
  const slot = flow.slots.find((s) => s.name === progress.asking);
  const pending = progress.awaitingConfirm
    ? confirmReply(flow, state, locale, false)
    : slot
      ? slotPrompt(slot, locale, false)
      : undefined;
  if (!pending) return undefined;
  return { ...pending, text: `${say(TEXTS.flowResume, locale, { flow: say(flow.name, locale) })}${pending.text}` };
}

async function finish(turn: FlowTurn, replies: BotReply[]): Promise<FlowOutcome> {
  const { flow, state, locale } = turn;
  const slots = slotValues(state);
  state.flow = null;
  const ticket = flow.ticket ? ticketOf(flow, slots, locale) : undefined;
  if (!flow.action) {
    if (flow.done) replies.push({ text: fill(say(flow.done, locale), slots) });
    return { replies, step: 'done', finished: true, ticket, handoff: flow.handoff };
  }
  const result = await turn.runAction(flow, slots);
  const action = {
    status: result.status,
    ok: result.ok,
    attempts: result.attempts,
    ...(result.ok ? {} : { error: result.error }),
  };
  const action_ = flow.action;
  if (result.ok && action_.requires.every((path) => lookupPath(result.data, path) !== undefined)) {
    const values = { ...slots, response: sanitize(result.data) };
    const reply: BotReply = { text: fill(say(action_.success, locale), values) };
    const card = action_.card ? orderCard(action_.card, values, slots, locale) : undefined;
    if (card) reply.cards = [card];
    replies.push(reply);
    return { replies, step: 'action:ok', finished: true, ticket, handoff: flow.handoff, action };
  }
  const byStatus = result.status !== null ? action_.statusReplies[String(result.status)] : undefined;
  if (byStatus && !result.ok && result.error === 'client_error') {
    // The API answered clearly (e.g. 404: no such order): tell the customer, no hand-off needed.
    replies.push({ text: fill(say(byStatus, locale), slots) });
    return { replies, step: `action:${result.status}`, finished: true, ticket, action };
  }
  replies.push({ text: fill(say(action_.failure, locale), slots) });
  return { replies, step: 'action:failed', finished: true, ticket, handoff: 'flow_failed', action };
}

function giveUp(turn: FlowTurn, where: string): FlowOutcome {
  turn.state.flow = null;
  return {
    replies: [{ text: say(TEXTS.flowGaveUp, turn.locale) }],
    step: `gave_up:${where}`,
    finished: true,
    handoff: 'flow_failed',
  };
}

function slotPrompt(slot: FlowSlot, locale: Locale, again: boolean): BotReply {
  const reply: BotReply = { text: say(again ? slot.reprompt : slot.prompt, locale) };
  if (slot.choices) reply.quickReplies = slot.choices.map((c) => ({ label: c.label[locale], value: c.label[locale] }));
  return reply;
}

function confirmReply(flow: FlowDefinition, state: BotState, locale: Locale, again: boolean): BotReply {
  const text = fill(say(flow.confirm as NonNullable<FlowDefinition['confirm']>, locale), slotValues(state));
  return {
    text: again ? `${say(TEXTS.confirmYesNo, locale)} ${text}` : text,
    quickReplies: [
      { label: say(TEXTS.yes, locale), value: say(TEXTS.yes, locale) },
      { label: say(TEXTS.no, locale), value: say(TEXTS.no, locale) },
    ],
  };
}

function ticketOf(flow: FlowDefinition, slots: Record<string, string>, locale: Locale): TicketRequest {
  const kind = flow.ticket ?? 'request';
  return {
    id: newId('tkt'),
    kind,
    subject: `${say(flow.name, locale)}${slots.category ? ` · ${slots.category}` : ''}`,
    fields: slots,
    priority: kind === 'complaint' ? 'high' : 'normal',
  };
}

function orderCard(
  card: NonNullable<NonNullable<FlowDefinition['action']>['card']>,
  values: Record<string, unknown>,
  slots: Record<string, string>,
  locale: Locale,
): Card {
  return {
    type: 'order',
    orderNo: slots.order_no ?? '',
    fields: card.fields.map((f) => ({ label: say(f.label, locale), value: fill(f.value, values) })),
  };
}

/** Every value from the API becomes short plain text before it can reach a reply. */
function sanitize(data: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data).slice(0, 100)) {
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && depth < 3
        ? sanitize(value as Record<string, unknown>, depth + 1)
        : safeValue(value);
  }
  return out;
}

function lookupPath(data: Record<string, unknown>, path: string): unknown {
  let current: unknown = data;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
