// What a document's similar questions taught the word associations (learned.ts), kept until the document leaves the
// index so that it can be unlearned. learn() returns the pairs it added: the words only the title has, each with the
// words only the similar question has. Kept as those pairs, that was a two-element array per pair, ~7 per document
// (at 100,000 articles ~690,000 arrays, ~30% of the index heap, all copied by the young-generation GC during a build),
// each holding the word strings jieba returned. Kept instead as one flat array of small integers: the count of left
// words, then the left words' ids, then the right words' (ids of the shared term table: the words are indexed).

/** One learn() result: compact when it is a full left × right product (as learn() builds it), as given otherwise. */
export type LearnedPairs = readonly number[] | readonly [string, string][];

/** How a word becomes an id and back (the index's word terms). */
export interface WordIds {
  id(word: string): number;
  word(id: number): string;
}

export function compactPairs(added: [string, string][], words: WordIds): LearnedPairs {
  if (added.length === 0) return added;
  const first = (added[0] as [string, string])[0];
  let nRight = 0;
  while (nRight < added.length && (added[nRight] as [string, string])[0] === first) nRight++;
  if (added.length % nRight !== 0) return added;
  const nLeft = added.length / nRight;
  // the product must give back every pair in order, or the pairs are kept as they came
  for (let i = 0; i < nLeft; i++) {
    for (let j = 0; j < nRight; j++) {
      const pair = added[i * nRight + j] as [string, string];
      if (pair[0] !== (added[i * nRight] as [string, string])[0] || pair[1] !== (added[j] as [string, string])[1])
        return added;
    }
  }
  // sized up front: an array grown by push from empty holds 17 slots
  const flat: number[] = new Array(1 + nLeft + nRight);
  flat[0] = nLeft;
  for (let i = 0; i < nLeft; i++) flat[1 + i] = words.id((added[i * nRight] as [string, string])[0]);
  for (let j = 0; j < nRight; j++) flat[1 + nLeft + j] = words.id((added[j] as [string, string])[1]);
  return flat;
}

/** The pairs a compactPairs() result stands for, in learn()'s order. */
export function expandPairs(kept: LearnedPairs, words: WordIds): [string, string][] {
  if (kept.length === 0 || typeof kept[0] !== 'number') return kept as [string, string][];
  const flat = kept as readonly number[];
  const nLeft = flat[0] as number;
  const nRight = flat.length - 1 - nLeft;
  const pairs: [string, string][] = [];
  for (let i = 0; i < nLeft; i++) {
    const left = words.word(flat[1 + i] as number);
    for (let j = 0; j < nRight; j++) pairs.push([left, words.word(flat[1 + nLeft + j] as number)]);
  }
  return pairs;
}
