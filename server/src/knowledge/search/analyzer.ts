// Text → the terms the index stores and the atoms the re-ranker compares.
// Atoms are Han characters, English words (stemmed) and digit runs: one unit of comparison whatever the language,
// so n-grams, edit distance and common substrings work the same for "退款多久到账" and "how long does a refund take".
// Term kinds (one index, the kind is the key's first character):
//   w  jieba search-mode words (English: stemmed words)
//   c  single Han characters (robust to segmentation differences)
//   b  atom bigrams (Han character pairs, English word pairs)
//   p  pinyin bigrams of adjacent Han characters: not indexed; the index maps each pinyin bigram to the character
//      bigrams it has seen with that sound (homophones.ts), so a typo's bigram is looked up by its sound
import { normalizeForSearch, type Segmenter, stem } from './nlu-adapter.ts';

export const KIND_WORD = 0;
export const KIND_CHAR = 1;
export const KIND_BIGRAM = 2;
export const KIND_PINYIN = 3;
export const KIND_PREFIX = ['w', 'c', 'b', 'p'] as const;
export const KINDS = 4;

export interface Analysis {
  /** normalized text */
  norm: string;
  /** atoms in order (Han characters, stemmed English words, digit runs) */
  atoms: string[];
  /** start offset in `norm` of each atom, and its end */
  starts: number[];
  ends: number[];
  /** distinct words (jieba search mode, stemmed English), without punctuation */
  words: string[];
  /** term key → term frequency, over all kinds (empty when built with keys: false) */
  terms: Map<string, number>;
  /** `breaks[i]`: punctuation or space separates atom i-1 from atom i (no bigram term across it) */
  breaks: boolean[];
}

export interface AnalyzeOptions {
  /** index characters, bigrams and pinyin (questions: yes; long bodies: words only, to save time and memory) */
  full: boolean;
  /**
   * Build the term keys (default true). The index adds questions by term id (search-index.ts), so it skips building
   * the key strings; `breaks` then tells which atom pairs are bigram terms.
   */
  keys?: boolean;
}

function isHanCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
}

export function isHanChar(ch: string): boolean {
  return isHanCode(ch.charCodeAt(0));
}

/** Lowercase Latin letters (the text is normalized), digits, Latin-1/Extended-A letters. */
function isLatinOrDigit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Atoms with their offsets; `breaks[i]` is true when punctuation or space separates atom i-1 from atom i. */
export function atomize(norm: string): { atoms: string[]; starts: number[]; ends: number[]; breaks: boolean[] } {
  const atoms: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const breaks: boolean[] = [];
  let gap = false;
  let i = 0;
  while (i < norm.length) {
    const code = norm.charCodeAt(i);
    if (isHanCode(code)) {
      atoms.push(norm[i] as string);
      starts.push(i);
      ends.push(i + 1);
      breaks.push(gap);
      gap = false;
      i++;
    } else if (isLatinOrDigit(code)) {
      let j = i + 1;
      const digits = code >= 0x30 && code <= 0x39;
      while (j < norm.length) {
        const next = norm.charCodeAt(j);
        if (!isLatinOrDigit(next)) break;
        if ((next >= 0x30 && next <= 0x39) !== digits) break; // "iphone15" → iphone, 15
        j++;
      }
      // English contractions stay one word ("don't" → don't)
      if (!digits && norm[j] === "'" && /[a-z]/.test(norm[j + 1] ?? '')) {
        j++;
        while (j < norm.length && /[a-z]/.test(norm[j] as string)) j++;
      }
      const raw = norm.slice(i, j);
      atoms.push(digits ? raw : stem(raw));
      starts.push(i);
      ends.push(j);
      breaks.push(gap);
      gap = false;
      i = j;
    } else {
      gap = true;
      i++;
    }
  }
  return { atoms, starts, ends, breaks };
}

function add(terms: Map<string, number>, key: string): void {
  terms.set(key, (terms.get(key) ?? 0) + 1);
}

export function analyze(text: string, segmenter: Segmenter, opts: AnalyzeOptions = { full: true }): Analysis {
  const norm = normalizeForSearch(text);
  const { atoms, starts, ends, breaks } = atomize(norm);
  const terms = new Map<string, number>();
  const words = new Set<string>();
  const keys = opts.full && opts.keys !== false;
  let hasHan = false;
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i] as string;
    const han = isHanChar(atom);
    if (han) {
      hasHan = true;
      if (keys) add(terms, `c${atom}`);
    } else {
      words.add(atom); // English words and numbers are words already
    }
    if (keys && i > 0 && !breaks[i]) add(terms, `b${atoms[i - 1]} ${atom}`);
  }
  if (hasHan) {
    for (const piece of opts.full ? segmenter.cutForSearch(norm) : segmenter.cut(norm)) {
      if (!isHanChar(piece[0] as string)) continue; // latin and digits come from the atoms (stemmed)
      words.add(piece);
    }
  }
  if (opts.keys !== false) for (const w of words) add(terms, `w${w}`);
  return { norm, atoms, starts, ends, words: [...words], terms, breaks };
}

/** The kind index of a term key. */
export function kindOf(key: string): number {
  switch (key.charCodeAt(0)) {
    case 119: // w
      return KIND_WORD;
    case 99: // c
      return KIND_CHAR;
    case 98: // b
      return KIND_BIGRAM;
    default:
      return KIND_PINYIN;
  }
}
