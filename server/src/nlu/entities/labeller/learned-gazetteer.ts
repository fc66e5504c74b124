// Slot values seen in the training examples become a dictionary feature ("[小米14](product)" teaches that 小米14
// is a product wherever it appears). To keep the model from trusting a list that always contains the answer, each
// training example sees only the values learned from the OTHER folds (cross-fold), as at labelling time a new
// sentence's entities may or may not be known.
import { normalize } from '../../text/normalize.ts';
import type { AnnotatedExample } from './annotated.ts';

const FOLDS = 5;
const MIN_LENGTH = 2;
const MAX_LENGTH = 16;

type Counts = Map<string, Map<string, number>>;

function add(counts: Counts, key: string, type: string, delta: number): void {
  let byType = counts.get(key);
  if (!byType) {
    byType = new Map();
    counts.set(key, byType);
  }
  byType.set(type, (byType.get(type) ?? 0) + delta);
}

function entries(example: AnnotatedExample): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const span of example.spans) {
    const key = normalize(example.text.slice(span.start, span.end), { maxLength: MAX_LENGTH + 1 }).normalized;
    if (key.length >= MIN_LENGTH && key.length <= MAX_LENGTH) out.push([key, span.type]);
  }
  return out;
}

/** The most frequent type of each value, ignoring the counts in `minus`. */
function resolve(total: Counts, minus?: Counts): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, byType] of total) {
    let best = '';
    let bestCount = 0;
    for (const [type, count] of byType) {
      const left = count - (minus?.get(key)?.get(type) ?? 0);
      if (left > bestCount) {
        best = type;
        bestCount = left;
      }
    }
    if (bestCount > 0) out.set(key, best);
  }
  return out;
}

export interface LearnedGazetteer {
  /** everything learned, for labelling new text */
  full: Map<string, string>;
  /** the gazetteer example i must be trained with */
  forExample(index: number): Map<string, string>;
}

export function learnGazetteer(examples: readonly AnnotatedExample[]): LearnedGazetteer {
  const total: Counts = new Map();
  const perFold: Counts[] = Array.from({ length: FOLDS }, () => new Map());
  examples.forEach((example, i) => {
    for (const [key, type] of entries(example)) {
      add(total, key, type, 1);
      add(perFold[i % FOLDS] as Counts, key, type, 1);
    }
  });
  const folds = perFold.map((fold) => resolve(total, fold));
  return { full: resolve(total), forExample: (index) => folds[index % FOLDS] as Map<string, string> };
}
