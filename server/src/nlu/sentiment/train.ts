// Trains a sentiment model from labelled rows (any of the label spellings in labels.ts).
import { trainCrammerSinger } from '../intent/crammer-singer.ts';
import { buildFeatureSpace } from '../intent/feature-space.ts';
import { rawFeatures } from '../intent/features.ts';
import { lexiconEvidence, type SentimentLabel } from './analyzer.ts';
import { canonicalSentimentLabel } from './labels.ts';
import { LEXICON_FEATURES, SENTIMENT_FEATURE_OPTIONS, type SentimentModel, sentimentVector } from './model.ts';

export interface SentimentRow {
  text: string;
  label: string;
  row?: number;
}

export function trainSentiment(
  rows: SentimentRow[],
  opts: { c?: number; seed?: number } = {},
): SentimentModel & { warnings: string[] } {
  const warnings: string[] = [];
  const usable: Array<{ text: string; label: SentimentLabel }> = [];
  rows.forEach((r, i) => {
    const row = r.row ?? i + 1;
    const label = canonicalSentimentLabel(r.label ?? '');
    if (!r.text?.trim()) warnings.push(`row ${row}: the text is empty; row skipped`);
    else if (!label) warnings.push(`row ${row}: unknown sentiment label "${r.label}"; row skipped`);
    else usable.push({ text: r.text, label });
  });
  const labels = [...new Set(usable.map((u) => u.label))].sort();
  if (labels.length < 2) {
    throw new Error(`sentiment training needs at least two labels; found ${labels.join(', ') || 'none'}`);
  }
  const space = buildFeatureSpace(
    usable.map((u) => rawFeatures(u.text, SENTIMENT_FEATURE_OPTIONS)),
    0.5,
    // on large sets, features seen once are mostly noise; on small ones they are most of the signal
    usable.length >= 2000 ? 2 : 1,
  );
  const xs = usable.map((u) => sentimentVector(space, u.text, lexiconEvidence(u.text)));
  const y = Int32Array.from(usable.map((u) => labels.indexOf(u.label)));
  const linear = trainCrammerSinger(xs, y, labels.length, space.size + LEXICON_FEATURES, {
    c: opts.c ?? 0.3,
    eps: 0.1,
    seed: opts.seed ?? 1,
  });
  // the model itself, with the rows it skipped (warnings are not serialized)
  return { version: 1, labels, space, weights: linear.weights, bias: linear.bias, warnings };
}
