// Sentiment entry point: the built-in lexicon analyzer, or a trained model when one is given.
import type { Token } from '../types.ts';
import { lexiconEvidence, resultFromEvidence, type SentimentResult } from './analyzer.ts';
import { predictSentiment, type SentimentModel } from './model.ts';

export type { SentimentLabel, SentimentResult } from './analyzer.ts';
export type { Emotion } from './lexicon-types.ts';
export { loadSentimentModel, type SentimentModel, serializeSentimentModel } from './model.ts';
export { type SentimentRow, trainSentiment } from './train.ts';

export interface SentimentAnalyzer {
  /** Tokens are accepted for API symmetry; the lexicon matches on the text itself (segmentation-independent). */
  analyze(text: string, tokens?: Token[]): SentimentResult;
}

export function createSentimentAnalyzer(model?: SentimentModel): SentimentAnalyzer {
  return {
    analyze(text: string): SentimentResult {
      const safe = typeof text === 'string' ? text : '';
      return model ? predictSentiment(model, safe) : resultFromEvidence(lexiconEvidence(safe));
    },
  };
}
