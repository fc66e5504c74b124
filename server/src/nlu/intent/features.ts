// Turns a message into hashed sparse features in two blocks:
//  - words: jieba words (Chinese) and lightly stemmed words (English), as unigrams and adjacent bigrams, plus
//    jieba's POS tags and the types of names the built-in lexicons know (Han text only);
//  - chars: character n-grams, 1–2 over Han runs and 3–4 inside " word " boundaries for other scripts.
// Words carry meaning; character n-grams survive typos, unseen inflections and segmentation mistakes.

import { findNamesInWords } from '../lexicon/in-words.ts';
import { builtinLexiconFingerprint } from '../lexicon/index.ts';
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
  /**
   * Keeps each boundary mark as a character unigram of its own, as models saved before this option did (absent:
   * true). New models leave it out: see `pushHanChars`.
   */
  hanBoundaryUnigrams?: boolean;
  /** Adds jieba part-of-speech features: tag unigrams/bigrams and word→next-tag pairs (a person name after 来一首). */
  posTags: boolean;
  /**
   * Adds the built-in type lexicons' matches in Han runs (an illness, an app, a TV channel… see lexicon/) as type
   * tokens with their neighbours. Absent in models saved before it existed: read as off, so they keep scoring alike.
   */
  lexiconTypes?: boolean;
  /**
   * Fingerprint of the built-in lexicon lists the model was trained with (see `builtinLexiconFingerprint`); the
   * features never read it: loading a saved model compares it with the running lists and warns when they differ.
   */
  lexiconFingerprint?: string;
}

/**
 * wordChars 3–4 rather than 3–5: a fifth fewer features per English message and ~15% less training time, with the
 * same validation accuracy (BANKING77 train split by text hash, three seeds: −0.10, +0.09, +0.31 points; SMP2017
 * dev +0.13) and better held-out out-of-scope recall (two seeds: 21.4/23.6 → 23.2/29.5%).
 * lexiconTypes on: SMP2017 dev 91.43 → 93.12%; 5-fold splits of its train.csv by text hash (two hash salts)
 * 88.47 → 89.52% and 88.21 → 89.26%; about 3 µs more per 25-character message; text without Han characters is
 * untouched (BANKING77 unchanged).
 * hanChars 1–2 rather than 1–4 once the lexicons are on: with names typed by the lexicons, long Han n-grams mostly
 * memorise training phrases. 5-fold splits of SMP2017 train.csv, four hash salts: 89.52/89.26/89.65/90.22 →
 * 89.91/90.21/90.47/90.22 (mean +0.54; 1–3: +0.26, 1–1: +0.38, 1–5: −0.06); dev 93.12 → 93.12; fewer features.
 * The lists screened of everyday words (lexicon/index.ts says the rule) cost a little on SMP2017, whose app intent
 * has 打开相机 and 玩中国象棋: dev 93.38 → 93.12%, folds (four salts) 90.00/90.39/90.43/90.34 → 90.04/89.60/90.30/
 * 90.04; without the lexicons 91.56%. Chinese out-of-scope (train.csv folds, 3 draws of 6 intents held out), off /
 * before / after: in-scope 91.61/92.57/92.29%, OOS recall 31.2/32.6/36.6%, AUROC 0.913/0.915/0.916.
 * Matches counted only where they line up with jieba's words (lexicon/in-words.ts), a correctness fix that costs
 * nothing measurable: dev 93.12 → 92.60% (4 of 770 rows), folds (four salts) 90.04/89.60/90.30/90.04 →
 * 89.65/89.69/90.52/90.34 (mean 90.00 → 90.05). The second screening of the lists (35 everyday words and
 * phrases out, 晋江 a place) costs a little again: dev 92.60 → 92.60%, folds → 89.60/89.39/90.26/89.87 (mean 89.78).
 */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  hanChars: [1, 2],
  wordChars: [3, 4],
  wordBigrams: true,
  hanBoundaries: true,
  hanBoundaryUnigrams: false,
  posTags: true,
  lexiconTypes: true,
  lexiconFingerprint: builtinLexiconFingerprint(),
};

export interface RawFeatures {
  words: number[];
  chars: number[];
}

const START = hashString('<s>', SEED.word);
const END = hashString('</s>', SEED.word);
const DIGITS = /^\d+$/;

/** Numbers matter by shape, not value: "12345678" and "87654321" are both an 8-digit number. */
function digitShape(digits: string): string {
  return digits.length <= 2 ? digits : `#${Math.min(digits.length, 12)}`;
}

/**
 * Character n-grams of one Han run. The boundary marks join the n-grams of 2 and more ("\u0002打" = starts with 打)
 * but are no unigram of their own (hanBoundaryUnigrams false): a mark alone is in every Chinese message, and in a
 * one-intent model (cosine to the examples' centroid) it made any unrelated Chinese message look similar once the
 * long n-grams were gone. SMP2017 5-fold splits, four salts, with hanChars 1–2: mean 90.20 → 90.29%, dev +0.26.
 */
function pushHanChars(run: string, opts: FeatureOptions, chars: number[]): void {
  const [min, max] = opts.hanChars;
  if (!opts.hanBoundaries) {
    pushCharNgrams(run, min, max, SEED.hanChar, chars);
    return;
  }
  const marked = `\u0002${run}\u0003`;
  if (opts.hanBoundaryUnigrams !== false) {
    pushCharNgrams(marked, min, max, SEED.hanChar, chars);
    return;
  }
  if (min <= 1) pushCharNgrams(run, 1, 1, SEED.hanChar, chars);
  if (max >= 2) pushCharNgrams(marked, Math.max(2, min), max, SEED.hanChar, chars);
}

const typeToken = (type: string) => hashString(`<${type}>`, SEED.word);

/** Word features of one Han run: word hashes go to `wordHashes` (for the unigrams and bigrams), the rest to `words`. */
function pushHanWords(run: string, opts: FeatureOptions, words: number[], wordHashes: number[]): void {
  if (!opts.posTags) {
    const cut = cutHan(run);
    for (const w of cut) wordHashes.push(hashString(w, SEED.word));
    // the matches line up with these words too; without POS tags only the type tokens go in, as before
    if (opts.lexiconTypes) for (const m of findNamesInWords(run, cut)) words.push(typeToken(m.type));
    return;
  }
  const tagged = tagHan(run);
  const runWords: RunWords = {
    text: new Array(tagged.length),
    starts: new Array(tagged.length),
    hashes: new Array(tagged.length),
  };
  let prevTag = START;
  let prevWord = START;
  let offset = 0;
  tagged.forEach(({ word, tag }, i) => {
    const w = hashString(word, SEED.word);
    const t = hashString(tag, SEED.tag);
    wordHashes.push(w);
    words.push(t, combineHashes(prevTag, t, SEED.tag), combineHashes(prevWord, t, SEED.wordTag));
    runWords.text[i] = word;
    runWords.starts[i] = offset;
    runWords.hashes[i] = w;
    offset += word.length;
    prevTag = t;
    prevWord = w;
  });
  if (opts.lexiconTypes) pushLexiconTypes(run, runWords, words);
}

/** The jieba words of a run, where each starts, and its hash. */
interface RunWords {
  text: string[];
  starts: number[];
  hashes: number[];
}

/**
 * A lexicon match (lined up with the run's words: see lexicon/in-words.ts) adds its type token and the bigrams
 * with the words around it ("来一首 <singer>", "<disease> 怎么办"): the context says as much as the type.
 */
function pushLexiconTypes(run: string, runWords: RunWords, words: number[]): void {
  // matches and words both come in text order: one walk finds the words around every match (a long message stays
  // linear, not matches × words)
  const { starts, hashes } = runWords;
  let k = 0;
  for (const m of findNamesInWords(run, runWords.text, starts)) {
    const type = typeToken(m.type);
    words.push(type);
    // every match starts and ends on a word boundary, so the words before and after it are whole words
    while (starts[k]! < m.start) k++;
    words.push(combineHashes(k > 0 ? hashes[k - 1]! : START, type, SEED.bigram));
    while (k < starts.length && starts[k]! < m.end) k++;
    words.push(combineHashes(type, k < starts.length ? hashes[k]! : END, SEED.bigram));
  }
}

export function rawFeatures(text: string, opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS): RawFeatures {
  const folded = foldText(text);
  const words: number[] = [];
  const chars: number[] = [];
  const wordHashes: number[] = [];
  for (const run of scriptRuns(folded)) {
    if (run.kind === 'han') {
      pushHanChars(run.text, opts, chars);
      pushHanWords(run.text, opts, words, wordHashes);
    } else {
      for (const w of splitWords(run.text)) {
        const unit = DIGITS.test(w) ? digitShape(w) : stemEnglish(w);
        wordHashes.push(hashString(unit, SEED.word));
        pushCharNgrams(` ${w} `, opts.wordChars[0], opts.wordChars[1], SEED.char, chars);
      }
    }
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
  return { words, chars };
}
