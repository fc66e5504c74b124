import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_OPTIONS, rawFeatures } from '../intent/features.ts';
import { hashString, SEED } from '../intent/hash.ts';
import { SENTIMENT_FEATURE_OPTIONS } from './model.ts';

describe('sentiment feature options', () => {
  // A trained sentiment model does not save its options: what it reads must not move when the intent defaults do.
  it('keep the features the sentiment model was tuned on, whatever the intent defaults are', () => {
    const text = '外卖送得太慢了，布洛芬都没送到';
    const { chars, words } = rawFeatures(text, SENTIMENT_FEATURE_OPTIONS);
    expect(chars).toContain(hashString('\u0002', SEED.hanChar));
    expect(chars).toContain(hashString('外卖送得', SEED.hanChar));
    expect(words).not.toContain(hashString('<medicine>', SEED.word));
    const intent = rawFeatures(text, DEFAULT_FEATURE_OPTIONS);
    expect(intent.words).toContain(hashString('<medicine>', SEED.word));
    expect(intent.chars).not.toEqual(chars);
  });

  it('are written out in full, not derived from the intent defaults', () => {
    expect(SENTIMENT_FEATURE_OPTIONS).toEqual({
      hanChars: [1, 4],
      wordChars: [3, 5],
      wordBigrams: true,
      hanBoundaries: true,
      hanBoundaryUnigrams: true,
      posTags: true,
      lexiconTypes: false,
    });
  });
});
