// Sentiment labels found in datasets: 0/1, -1/0/1, pos/neg, positive/negative, 正面/负面 …
import type { SentimentLabel } from './analyzer.ts';

const NAMES: Record<string, SentimentLabel> = {
  '1': 'positive',
  '0': 'negative',
  '-1': 'negative',
  pos: 'positive',
  positive: 'positive',
  pos_: 'positive',
  neg: 'negative',
  negative: 'negative',
  neutral: 'neutral',
  neu: 'neutral',
  正面: 'positive',
  积极: 'positive',
  好评: 'positive',
  负面: 'negative',
  消极: 'negative',
  差评: 'negative',
  中性: 'neutral',
  中立: 'neutral',
};

/** The canonical label of a dataset label, or undefined when it is not a sentiment label we know. */
export function canonicalSentimentLabel(label: string): SentimentLabel | undefined {
  return NAMES[label.trim().toLowerCase()];
}
