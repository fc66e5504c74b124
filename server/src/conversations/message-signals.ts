import { createSentimentAnalyzer, detectLanguage } from '../nlu/index.ts';
import type { SenderType } from './schema.ts';

/** What reports slice messages by, read from the text by the language engine (pure, a few microseconds). */
export interface MessageSignals {
  /** Absent when the text has no letters at all (digits, emoji, punctuation only). */
  language?: 'zh' | 'en' | 'mixed';
  /** −1 (negative) … 1 (positive): customers' messages only; what staff and the bot write is not the customer's mood. */
  sentiment?: number;
}

// The built-in lexicon analyzer: no model to load, the same for every workspace.
const sentimentAnalyzer = createSentimentAnalyzer();

export function messageSignals(text: string, senderType: SenderType): MessageSignals {
  const signals: MessageSignals = {};
  const language = detectLanguage(text);
  if (language !== 'unknown') signals.language = language;
  if (senderType === 'contact') signals.sentiment = sentimentAnalyzer.analyze(text).score;
  return signals;
}
