import type { HandoffReason, Locale } from './schema.ts';

/**
 * The dialogue state of one conversation, stored as JSON in `bot_states` so it survives a restart and any process
 * of a cluster can continue the conversation. Small on purpose: a few recent values, never the whole transcript.
 */
export interface SlotValue {
  value: string;
  /** When the slot was last filled or used; slots older than the workspace's TTL are forgotten. */
  at: number;
}

export interface FlowProgress {
  intent: string;
  /** The slot being asked for, or null when awaiting confirmation. */
  asking: string | null;
  attempts: number;
  awaitingConfirm: boolean;
  startedAt: number;
}

export interface Attempt {
  kind: string;
  reason: string;
  detail?: string;
  at: number;
}

export interface HandoffRecord {
  reason: HandoffReason;
  team: string;
  at: number;
}

export interface BotState {
  /** Highest message seq the bot has answered: a redelivered or repeated message never gets a second reply. */
  lastHandledSeq: number;
  turnCount: number;
  language: Locale;
  currentIntent: string | null;
  lastTopic: string | null;
  slots: Record<string, SlotValue>;
  consecutiveMisses: number;
  /** Sentiment scores of the last turns (oldest first), and the anger of the last one. */
  sentiment: number[];
  anger: number;
  flow: FlowProgress | null;
  /** The customer's last questions, normalized, to notice the same question asked again. */
  recentQuestions: string[];
  /** What the bot tried (for the hand-off brief). */
  tried: Attempt[];
  /** The customer's own words, last few messages, for the hand-off brief. */
  customerWords: string[];
  /** Arrival times of the customer's recent messages, for flood control. */
  arrivals: number[];
  floodNoticeAt: number | null;
  handoff: HandoffRecord | null;
  /** After a hand-off with nobody online: the customer chose to leave a message or ask for a call back. */
  awaiting: 'message' | 'callback' | null;
}

const KEEP_SENTIMENT = 6;
const KEEP_QUESTIONS = 4;
const KEEP_TRIED = 12;
const KEEP_WORDS = 6;
const KEEP_ARRIVALS = 50;

export function newBotState(language: Locale = 'zh'): BotState {
  return {
    lastHandledSeq: 0,
    turnCount: 0,
    language,
    currentIntent: null,
    lastTopic: null,
    slots: {},
    consecutiveMisses: 0,
    sentiment: [],
    anger: 0,
    flow: null,
    recentQuestions: [],
    tried: [],
    customerWords: [],
    arrivals: [],
    floodNoticeAt: null,
    handoff: null,
    awaiting: null,
  };
}

/** Reads a stored state defensively: fields added later get their defaults, garbage becomes a fresh state. */
export function reviveBotState(value: unknown): BotState {
  if (typeof value !== 'object' || value === null) return newBotState();
  return { ...newBotState(), ...(value as Partial<BotState>) };
}

const tail = <T>(list: T[], keep: number): T[] => (list.length > keep ? list.slice(list.length - keep) : list);

/** Forgets slots nobody used for `ttlMs`: a remembered order number from yesterday must not be reused silently. */
export function expireSlots(state: BotState, now: number, ttlMs: number): string[] {
  const expired: string[] = [];
  for (const [name, slot] of Object.entries(state.slots)) {
    if (now - slot.at > ttlMs) {
      delete state.slots[name];
      expired.push(name);
    }
  }
  return expired;
}

export function fillSlot(state: BotState, name: string, value: string, now: number): void {
  state.slots[name] = { value, at: now };
}

export function slotValues(state: BotState): Record<string, string> {
  return Object.fromEntries(Object.entries(state.slots).map(([k, v]) => [k, v.value]));
}

/** Records one customer message: turn count, sentiment history, their words, arrival time. */
export function recordCustomerTurn(
  state: BotState,
  turn: { seq: number; text: string; sentiment: number; anger: number; at: number; language?: Locale },
): void {
  state.lastHandledSeq = Math.max(state.lastHandledSeq, turn.seq);
  state.turnCount += 1;
  if (turn.language) state.language = turn.language;
  state.sentiment = tail([...state.sentiment, round(turn.sentiment)], KEEP_SENTIMENT);
  state.anger = round(turn.anger);
  state.customerWords = tail([...state.customerWords, turn.text.slice(0, 500)], KEEP_WORDS);
  state.arrivals = tail([...state.arrivals, turn.at], KEEP_ARRIVALS);
}

export function recordAttempt(state: BotState, attempt: Attempt): void {
  state.tried = tail([...state.tried, attempt], KEEP_TRIED);
}

/** Remembers the question; returns how many times in a row (including this one) it was asked. */
export function recordQuestion(state: BotState, normalized: string): number {
  const key = normalized.replace(/[\s\p{P}]+/gu, '').toLowerCase();
  if (key.length === 0) return 0;
  let repeats = 1;
  for (let i = state.recentQuestions.length - 1; i >= 0 && state.recentQuestions[i] === key; i--) repeats++;
  state.recentQuestions = tail([...state.recentQuestions, key], KEEP_QUESTIONS);
  return repeats;
}

/**
 * How sentiment moved over the recent turns: the latest score minus the best score before it (negative when the
 * customer got more upset). Zero with fewer than two turns.
 */
export function sentimentTrend(state: BotState): number {
  const s = state.sentiment;
  if (s.length < 2) return 0;
  const latest = s[s.length - 1] as number;
  const before = Math.max(...s.slice(0, -1));
  return round(latest - before);
}

/** Messages that arrived within the window ending now. */
export function arrivalsWithin(state: BotState, now: number, windowMs: number): number {
  return state.arrivals.filter((at) => now - at < windowMs).length;
}

/** The agent handed the conversation back: the bot starts counting afresh, keeping what it learnt (slots). */
export function resumeAfterHandback(state: BotState): void {
  state.handoff = null;
  state.consecutiveMisses = 0;
  state.flow = null;
  state.recentQuestions = [];
  state.floodNoticeAt = null;
  state.awaiting = null;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
