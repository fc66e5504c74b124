// One question as the re-ranker sees it, encoded as integers: its atoms, words, bigrams, pinyin bigrams, numbers and
// canonical content (term ids from the shared TermTable), plus negation and question-type flags. Questions of the
// knowledge base are encoded once, at index time, into one arena (side-arena.ts); a query is encoded once per search.
// Comparing a query with a candidate then reads integers and allocates nothing (features.ts).
import { charPinyin } from './pinyin.ts';
import { PairIds } from './side-pairs.ts';
import type { TermTable } from './term-table.ts';

/** Record layout: a header, then the lists in header order. */
export const VERSION = 0;
export const FLAGS = 1;
export const N_ATOMS = 2;
export const N_WORDS = 3;
export const N_BIGRAMS = 4;
export const N_PINYIN = 5;
export const N_NUMBERS = 6;
export const N_CONTENT = 7;
export const N_CONTENT_BIGRAMS = 8;
export const HEADER = 9;

/** Where each list starts, relative to the record's start. */
export function listStart(rec: ArrayLike<number>, off: number, list: number): number {
  let at = off + HEADER;
  for (let i = N_ATOMS; i < list; i++) at += rec[off + i] as number;
  return at;
}

const NUMERAL = /^(?:[0-9][0-9.,]*|[零〇一二两三四五六七八九十百千万亿])$/;
const HAN_NUMERALS = new Set([...'零〇一二两三四五六七八九十百千万亿']);

/** HAN.test for one atom, without a regular expression (atoms are one Han character or a Latin/digit run). */
function isHan(atom: string): boolean {
  const c = atom.charCodeAt(0);
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/** NUMERAL.test for one atom: a digit run (atoms never mix digits and letters) or one Han numeral. */
function isNumeral(atom: string): boolean {
  const c = atom.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 ? NUMERAL.test(atom) : atom.length === 1 && HAN_NUMERALS.has(atom);
}
/** Particles and courtesy words: they change the wording, rarely the question ("怎么样啊" = "怎么样？"). */
const FILLER = new Set([
  ...'的了吗呢啊呀吧么哦嘛哈啦呗咯哇呐噢喔请求问谢',
  'the',
  'a',
  'an',
  'pleas',
  'pls',
  'thank',
  'thanks',
]);
const NEGATION = new Set([
  '不',
  '没',
  '别',
  '无',
  '未',
  '非',
  'not',
  'no',
  'never',
  'without',
  "don't",
  "can't",
  "won't",
]);

/** Question types: the same words asking "why" and "how" are different questions. */
export const QUESTION_TYPES: [string, RegExp][] = [
  ['why', /为什么|为啥|为何|干嘛|\bwhy\b/],
  ['how', /怎么|怎样|如何|咋|\bhow\b(?! (?:much|many|long))/],
  ['what', /(?<!为)什么(?!时候)|(?<!为)啥|\bwhat\b/],
  ['where', /哪里|哪儿|在哪|\bwhere\b/],
  ['which', /哪个|哪些|哪家|哪款|哪种|\bwhich\b/],
  ['who', /谁|\bwho\b/],
  ['when', /什么时候|何时|几点|\bwhen\b/],
  ['amount', /多少|几[个天次年月号块元]|多久|多长|多大|\bhow (?:much|many|long)\b/],
];

export function questionTypes(norm: string): Set<string> {
  const out = new Set<string>();
  for (const [name, re] of QUESTION_TYPES) if (re.test(norm)) out.add(name);
  return out;
}

function typeBits(norm: string): number {
  let bits = 0;
  QUESTION_TYPES.forEach(([, re], i) => {
    if (re.test(norm)) bits |= 1 << i;
  });
  return bits;
}

/** The index key of an atom: Han characters are indexed as characters, English words and numbers as words. */
export function atomKey(atom: string): string {
  return isHan(atom) ? `c${atom}` : `w${atom}`;
}

export function isFiller(atom: string): boolean {
  return FILLER.has(atom);
}

/**
 * Term ids of a question's parts. The index interns (every question it holds gets ids); a query only looks up, and
 * its own new terms get query-local negative ids that match nothing in the index.
 */
export interface Resolver {
  atom(atom: string): number;
  word(word: string): number;
  /** the bigram of two adjacent atoms, given their ids */
  bigram(a: string, b: string, idA: number, idB: number): number;
  /** the pinyin bigram of two adjacent Han characters */
  sound(a: string, b: string): number;
}

/**
 * The index's resolver: caches by the atom or word itself and by id pairs, so the "c…", "w…", "b…" key strings are
 * built and hashed only the first time a term is seen — index build encodes every question.
 */
export class InterningResolver implements Resolver {
  private readonly atoms = new Map<string, number>();
  private readonly words = new Map<string, number>();
  /** bigram ids by the two atoms' ids (no strings) */
  private readonly pairs = new PairIds();
  private readonly syllables = new Map<string, number>();
  private readonly soundPairs: (Map<number, number> | undefined)[] = [];

  constructor(
    readonly terms: TermTable,
    readonly sounds: TermTable,
  ) {}

  atom(atom: string): number {
    let id = this.atoms.get(atom);
    if (id === undefined) {
      id = this.terms.intern(atomKey(atom));
      this.atoms.set(atom, id);
    }
    return id;
  }

  word(word: string): number {
    let id = this.words.get(word);
    if (id === undefined) {
      id = this.terms.intern(`w${word}`);
      this.words.set(word, id);
    }
    return id;
  }

  bigram(a: string, b: string, idA: number, idB: number): number {
    let id = this.pairs.get(idA, idB);
    if (id < 0) {
      id = this.terms.intern(`b${a} ${b}`);
      this.pairs.set(idA, idB, id);
    }
    return id;
  }

  sound(a: string, b: string): number {
    const sa = this.syllable(a);
    const sb = this.syllable(b);
    let row = this.soundPairs[sa];
    if (!row) {
      row = new Map();
      this.soundPairs[sa] = row;
    }
    let id = row.get(sb);
    if (id === undefined) {
      id = this.sounds.intern(`p${charPinyin(a)} ${charPinyin(b)}`);
      row.set(sb, id);
    }
    return id;
  }

  private syllable(ch: string): number {
    let id = this.syllables.get(ch);
    if (id === undefined) {
      const py = charPinyin(ch);
      // characters with one reading share its number
      id = this.syllables.get(`#${py}`) ?? this.syllables.size;
      this.syllables.set(`#${py}`, id);
      this.syllables.set(ch, id);
    }
    return id;
  }
}

/** A query's resolver: lookups only; unknown terms get query-local negative ids. */
export class LookupResolver implements Resolver {
  private readonly local = new Map<string, number>();

  constructor(
    private readonly terms: TermTable,
    private readonly sounds: TermTable,
  ) {}

  private resolve(table: TermTable, key: string): number {
    const id = table.lookup(key);
    if (id >= 0) return id;
    let l = this.local.get(key);
    if (l === undefined) {
      l = -2 - this.local.size;
      this.local.set(key, l);
    }
    return l;
  }

  atom(atom: string): number {
    return this.resolve(this.terms, atomKey(atom));
  }

  word(word: string): number {
    return this.resolve(this.terms, `w${word}`);
  }

  bigram(a: string, b: string): number {
    return this.resolve(this.terms, `b${a} ${b}`);
  }

  sound(a: string, b: string): number {
    return this.resolve(this.sounds, `p${charPinyin(a)} ${charPinyin(b)}`);
  }
}

/** Distinct values of a short list, in first-seen order (lists are a question long: a scan beats a Set). */
function unique(ids: number[]): number[] {
  let w = 0;
  for (let i = 0; i < ids.length; i++) {
    const v = ids[i] as number;
    let dup = false;
    for (let j = 0; j < w && !dup; j++) dup = ids[j] === v;
    if (!dup) ids[w++] = v;
  }
  ids.length = w;
  return ids;
}

export interface SideText {
  norm: string;
  atoms: readonly string[];
  words: readonly string[];
  /** the atoms with synonyms rewritten to their canonical member (synonyms.ts Canonicalizer) */
  canonical: readonly string[];
}

/**
 * Encodes one question; `version` is the synonym version its canonical content was computed under. A plain array:
 * the arena copies it (a typed array per question would cost a backing-store allocation apiece).
 */
export function encodeSide(t: SideText, r: Resolver, version: number): number[] {
  const atoms = t.atoms.map((a) => r.atom(a));
  const words = t.words.map((w) => r.word(w)); // distinct already (analyzer.ts)
  const bigrams: number[] = [];
  const sounds: number[] = [];
  const numbers: number[] = [];
  let negated = false;
  for (let i = 0; i < t.atoms.length; i++) {
    const b = t.atoms[i] as string;
    if (isNumeral(b)) numbers.push(atoms[i] as number);
    if (!negated && (NEGATION.has(b) || b.endsWith("n't"))) negated = true;
    if (i === 0) continue;
    const a = t.atoms[i - 1] as string;
    bigrams.push(r.bigram(a, b, atoms[i - 1] as number, atoms[i] as number));
    if (isHan(a) && isHan(b)) sounds.push(r.sound(a, b));
  }
  let content: number[];
  let contentText: readonly string[];
  if (t.canonical === t.atoms) {
    content = [];
    const kept: string[] = [];
    for (let i = 0; i < t.atoms.length; i++) {
      if (FILLER.has(t.atoms[i] as string)) continue;
      content.push(atoms[i] as number);
      kept.push(t.atoms[i] as string);
    }
    contentText = kept;
  } else {
    contentText = t.canonical.filter((a) => !FILLER.has(a));
    content = contentText.map((a) => r.atom(a));
  }
  const contentBigrams: number[] = [];
  for (let i = 1; i < contentText.length; i++)
    contentBigrams.push(
      r.bigram(contentText[i - 1] as string, contentText[i] as string, content[i - 1] as number, content[i] as number),
    );
  const lists = [atoms, words, unique(bigrams), unique(sounds), unique(numbers), content, unique(contentBigrams)];
  const rec: number[] = [version, (negated ? 1 : 0) | (typeBits(t.norm) << 1)];
  for (const list of lists) rec.push(list.length);
  for (const list of lists) for (const v of list) rec.push(v);
  return rec;
}
