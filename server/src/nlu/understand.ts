// understand(): one call that reads a customer message — language, normalized text, tokens with offsets and
// POS, entities, sentiment and emotions, ranked intents with out-of-scope — resolving follow-ups against the
// previous turn. It never throws: a failing stage degrades to an empty result and is named in `degraded`.
import { createEntityRecognizer, type EntityRecognizer } from './entities/recognizer.ts';
import { type DialogueContext, predictWithContext } from './intent/follow-up.ts';
import type { IntentModel } from './intent/model.ts';
import type { RankedIntent } from './intent/types.ts';
import { createSentimentAnalyzer, type SentimentAnalyzer, type SentimentResult } from './sentiment/index.ts';
import { detectLanguage } from './text/language.ts';
import { normalize } from './text/normalize.ts';
import { defaultTokenizer, type Tokenizer } from './text/tokenizer.ts';
import type { Entity, Language, Token } from './types.ts';

/** Messages longer than this are cut before analysis (and flagged `truncated`). */
export const MAX_MESSAGE_LENGTH = 10_000;

export interface UnderstandContext extends DialogueContext {
  /** epoch ms that relative dates ("明天") resolve against */
  referenceTime?: number;
  timeZone?: string;
}

export interface Understanding {
  language: Language;
  normalized: string;
  tokens: Token[];
  entities: Entity[];
  sentiment: SentimentResult;
  intents: RankedIntent[];
  outOfScope: boolean;
  /** the message was read as a follow-up of the previous turn */
  followUp: boolean;
  /** slots after this turn: the context's slots overwritten by this message's entities (by type) */
  slots: Record<string, unknown>;
  truncated: boolean;
  /** stages that failed and returned empty results (should stay empty) */
  degraded: string[];
}

export interface UnderstanderOptions {
  tokenizer?: Tokenizer;
  entities?: EntityRecognizer;
  sentiment?: SentimentAnalyzer;
  /** the workspace's intent model; without one, intents are empty and every message is out of scope */
  intents?: IntentModel;
  /** overrides the model's out-of-scope threshold (a workspace setting) */
  oosThreshold?: number;
  /** how many ranked intents to return (default 5) */
  topIntents?: number;
}

export interface Understander {
  understand(text: string, context?: UnderstandContext): Understanding;
}

const NEUTRAL: SentimentResult = {
  score: 0,
  label: 'neutral',
  emotions: { anger: 0, anxiety: 0, disappointment: 0, satisfaction: 0 },
};

export function createUnderstander(opts: UnderstanderOptions = {}): Understander {
  const tokenizer = opts.tokenizer ?? defaultTokenizer();
  const recognizer = opts.entities ?? createEntityRecognizer({ tokenizer });
  const sentiment = opts.sentiment ?? createSentimentAnalyzer();
  const top = opts.topIntents ?? 5;

  function understand(input: string, context: UnderstandContext = {}): Understanding {
    const degraded: string[] = [];
    const attempt = <T>(stage: string, fallback: T, fn: () => T): T => {
      try {
        return fn();
      } catch {
        degraded.push(stage);
        return fallback;
      }
    };
    const raw = typeof input === 'string' ? input : '';
    const truncated = raw.length > MAX_MESSAGE_LENGTH;
    const text = truncated ? raw.slice(0, MAX_MESSAGE_LENGTH) : raw;
    const norm = attempt('normalize', undefined, () => normalize(text, { maxLength: MAX_MESSAGE_LENGTH }));
    const normalized = norm?.normalized ?? '';
    const language = attempt<Language>('language', 'unknown', () => detectLanguage(text));
    const tokens = attempt<Token[]>('tokens', [], () => (norm ? tokenizer.tokenize(norm) : []));
    const entities = attempt<Entity[]>('entities', [], () =>
      recognizer.recognize(text, {
        tokens,
        referenceTime: context.referenceTime,
        timeZone: context.timeZone,
        // text is at most MAX_MESSAGE_LENGTH long, the recognizer's own limit: the same normalization
        normalized: norm && !norm.truncated ? norm : undefined,
      }),
    );
    const feeling = attempt('sentiment', NEUTRAL, () => sentiment.analyze(text, tokens));
    const slots: Record<string, unknown> = { ...(context.slots ?? {}) };
    for (const e of entities) slots[e.type] = e.value;
    const model = opts.intents;
    const prediction = attempt('intents', undefined, () =>
      model && normalized.trim().length > 0
        ? predictWithContext(model, normalized, context, {
            threshold: opts.oosThreshold,
            top,
            hasNewSlotValue: entities.length > 0,
          })
        : undefined,
    );
    return {
      language,
      normalized,
      tokens,
      entities,
      sentiment: feeling,
      intents: prediction?.intents ?? [],
      outOfScope: prediction?.outOfScope ?? true,
      followUp: prediction?.followUp ?? false,
      slots,
      truncated: truncated || (norm?.truncated ?? false),
      degraded,
    };
  }

  return { understand };
}
