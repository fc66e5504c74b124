// Turns a message into hashed sparse features in two blocks:
//  - words: jieba words (Chinese) and lightly stemmed words (English), as unigrams and adjacent bigrams;
//  - chars: character n-grams, 1–4 over Han runs and 2–5 inside " word " boundaries for other scripts.
// Words carry meaning; character n-grams survive typos, unseen inflections and segmentation mistakes.
import { combineHashes, hashString, pushCharNgrams, SEED } from './hash.ts';
import { cutHan, foldText, scriptRuns, splitWords, tagHan } from './segment.ts';
import { stemEnglish } from './stem.ts';

export interface FeatureOptions {
  /** Character n-gram range over Han runs. */
  hanChars: [number, number];
  /** Character n-gram range inside word boundaries (Latin and other alphabets). */
  wordChars: [number, number];
  /** Adds word bigrams (with sentence start/end markers). */
  wordBigrams: boolean;
  /** Marks the start and end of each Han run, so "打开…" at the start differs from "…打开…" inside. */
  hanBoundaries: boolean;
  /** Adds character n-grams that cross word boundaries in non-Han text ("my ca", "y card"). */
  crossWordChars: boolean;
  /** Adds word pairs with one word skipped ("card … arrived"). */
  skipBigrams: boolean;
  /** Adds the unstemmed form of inflected words as well as the stem. */
  surfaceWords: boolean;
  /** Adds jieba part-of-speech features: tag unigrams/bigrams and word→next-tag pairs (a person name after 来一首). */
  posTags: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  hanChars: [1, 4],
  wordChars: [3, 5],
  wordBigrams: true,
  hanBoundaries: true,
  posTags: true,
  crossWordChars: false,
  skipBigrams: false,
  surfaceWords: false,
};

export interface RawFeatures {
  words: number[];
  chars: number[];
}

const START = hashString('<s>', SEED.word);
const END = hashString('</s>', SEED.word);
const DIGITS = /^\d+$/;

/** Word units of a message (before hashing): used by features and by anything needing the same segmentation. */
export function wordUnits(text: string): string[] {
  const units: string[] = [];
  for (const run of scriptRuns(foldText(text))) {
    if (run.kind === 'han') {
      for (const w of cutHan(run.text)) units.push(w);
    } else {
      for (const w of splitWords(run.text)) units.push(DIGITS.test(w) ? digitShape(w) : stemEnglish(w));
    }
  }
  return units;
}

/** Numbers matter by shape, not value: "12345678" and "87654321" are both an 8-digit number. */
function digitShape(digits: string): string {
  return digits.length <= 2 ? digits : `#${Math.min(digits.length, 12)}`;
}

export function rawFeatures(text: string, opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS): RawFeatures {
  const folded = foldText(text);
  const words: number[] = [];
  const chars: number[] = [];
  const wordHashes: number[] = [];
  const latinWords: string[] = [];
  for (const run of scriptRuns(folded)) {
    if (run.kind === 'han') {
      const text = opts.hanBoundaries ? `\u0002${run.text}\u0003` : run.text;
      pushCharNgrams(text, opts.hanChars[0], opts.hanChars[1], SEED.hanChar, chars);
      if (opts.posTags) {
        let prevTag = START;
        let prevWord = START;
        for (const { word, tag } of tagHan(run.text)) {
          const w = hashString(word, SEED.word);
          const t = hashString(tag, SEED.tag);
          wordHashes.push(w);
          words.push(t, combineHashes(prevTag, t, SEED.tag), combineHashes(prevWord, t, SEED.wordTag));
          prevTag = t;
          prevWord = w;
        }
      } else {
        for (const w of cutHan(run.text)) wordHashes.push(hashString(w, SEED.word));
      }
    } else {
      for (const w of splitWords(run.text)) {
        const unit = DIGITS.test(w) ? digitShape(w) : stemEnglish(w);
        wordHashes.push(hashString(unit, SEED.word));
        if (opts.surfaceWords && unit !== w) words.push(hashString(w, SEED.surface));
        if (!opts.crossWordChars) pushCharNgrams(` ${w} `, opts.wordChars[0], opts.wordChars[1], SEED.char, chars);
      }
      if (opts.crossWordChars) latinWords.push(...splitWords(run.text));
    }
  }
  if (latinWords.length > 0) {
    pushCharNgrams(` ${latinWords.join(' ')} `, opts.wordChars[0], opts.wordChars[1], SEED.char, chars);
  }
  for (const h of wordHashes) words.push(h);
  if (opts.wordBigrams && wordHashes.length > 0) {
    let prev = START;
    for (const h of wordHashes) {
      words.push(combineHashes(prev, h, SEED.bigram));
      prev = h;
    }
    words.push(combineHashes(prev, END, SEED.bigram));
  }
  if (opts.skipBigrams) {
    for (let i = 2; i < wordHashes.length; i++) {
      words.push(combineHashes(wordHashes[i - 2]!, wordHashes[i]!, SEED.skip));
    }
  }
  return { words, chars };
}
