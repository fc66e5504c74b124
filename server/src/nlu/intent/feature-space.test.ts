import { describe, expect, it } from 'vitest';
import { buildFeatureSpace } from './feature-space.ts';
import type { RawFeatures } from './features.ts';

// four documents of two classes: feature 1 occurs only in class 0, feature 2 once in each class (same df)
const docs: RawFeatures[] = [
  { words: [1, 3], chars: [] },
  { words: [1, 2], chars: [] },
  { words: [2, 4], chars: [] },
  { words: [5], chars: [] },
];
const labels = Int32Array.from([0, 0, 1, 1]);

describe('buildFeatureSpace with document classes', () => {
  it('weighs a feature concentrated in one class above one spread over classes with the same df', () => {
    const space = buildFeatureSpace(docs, 0.5, 1, { labels, classes: 2 });
    const idf = (h: number) => space.idf[space.indexOf(h)]!;
    expect(idf(1)).toBeGreaterThan(idf(2) * 1.2);
  });

  it('keeps plain IDF without classes or with a single class', () => {
    const plain = buildFeatureSpace(docs, 0.5);
    const single = buildFeatureSpace(docs, 0.5, 1, { labels: new Int32Array(4), classes: 1 });
    const i1 = plain.indexOf(1);
    expect(plain.idf[i1]).toBeCloseTo(plain.idf[plain.indexOf(2)]!, 6);
    expect(single.idf[single.indexOf(1)]).toBeCloseTo(plain.idf[i1]!, 6);
  });
});
