// Pairwise features between a query and one candidate question: what BM25 alone cannot see — coverage in both
// directions, order (common substrings, edit distance), and the small words that flip a meaning (a different number,
// a negation, "why" instead of "how"). The re-ranker weighs them (reranker.ts).
import { charPinyin } from './pinyin.ts';

/** What the features need to know about one side of the pair. */
export interface Side {
  atoms: string[];
  words: string[];
}

/** idf lookups from the index (kind prefix + text, as in analyzer.ts) and the largest possible idf. */
export interface IdfSource {
  idf(key: string): number;
  maxIdf(): number;
}

export const FEATURE_NAMES = [
  'first_stage',
  'body',
  'word_cover_q',
  'word_cover_c',
  'char_cover_q',
  'char_cover_c',
  'bigram_cover_q',
  'bigram_cover_c',
  'pinyin_cover_q',
  'longest_substring_q',
  'longest_substring_c',
  'subsequence',
  'edit_similarity',
  'length_ratio',
  'unmatched_c_max_idf',
  'unmatched_q_max_idf',
  'number_mismatch',
  'negation_mismatch',
  'question_type_mismatch',
  'expansion_matched',
  'learned_feedback',
  'content_edit_similarity',
  'content_subsequence',
  'content_equal',
  'relative_first_stage',
  'first_stage_rank',
  'canonical_bigram_cover_q',
  'canonical_bigram_cover_c',
] as const;

export const FEATURE_COUNT = FEATURE_NAMES.length;

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/;
const NUMERAL = /^(?:[0-9][0-9.,]*|[零〇一二两三四五六七八九十百千万亿])$/;
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
const NEGATION_WORDS = /n't$/;

/** Question types: the same words asking "why" and "how" are different questions. */
const QUESTION_TYPES: [string, RegExp][] = [
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

/** The idf of each member of a set, in iteration order; one lookup table per set and idf source. */
interface SetWeights {
  idf: IdfSource;
  prefix: string;
  terms: string[];
  weights: Float64Array;
}

/**
 * The query's sets are weighed against every candidate of a search: their idfs are looked up once. A few recent
 * (set, idf source) pairs are kept by identity: a search has its own idf source, so nothing stale is ever reused.
 */
const recentWeights: (SetWeights & { set: Set<string> })[] = [];
const RECENT_WEIGHTS = 8;

function weightsOf(from: Set<string>, prefix: string, idf: IdfSource): SetWeights {
  for (const r of recentWeights) if (r.set === from && r.idf === idf && r.prefix === prefix) return r;
  const terms = [...from];
  const weights = new Float64Array(terms.length);
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as string;
    // atoms: Han characters are indexed as characters, English words and numbers as words
    const key = prefix === 'c' && !HAN.test(t) ? `w${t}` : prefix + t;
    weights[i] = idf.idf(key);
  }
  const out = { set: from, idf, prefix, terms, weights };
  if (recentWeights.unshift(out) > RECENT_WEIGHTS) recentWeights.pop();
  return out;
}

/** idf-weighted share of `from` found in `other`; `reused`: `from` is the query's (weighed once per search). */
function coverage(from: Set<string>, other: Set<string>, prefix: string, idf: IdfSource, reused = false): number {
  let total = 0;
  let hit = 0;
  if (reused) {
    const { terms, weights } = weightsOf(from, prefix, idf);
    for (let i = 0; i < terms.length; i++) {
      const w = weights[i] as number;
      total += w;
      if (other.has(terms[i] as string)) hit += w;
    }
    return total > 0 ? hit / total : 0;
  }
  for (const t of from) {
    // atoms: Han characters are indexed as characters, English words and numbers as words
    const key = prefix === 'c' && !HAN.test(t) ? `w${t}` : prefix + t;
    const w = idf.idf(key);
    total += w;
    if (other.has(t)) hit += w;
  }
  return total > 0 ? hit / total : 0;
}

function bigrams(atoms: string[], pinyin: boolean): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < atoms.length; i++) {
    const a = atoms[i - 1] as string;
    const b = atoms[i] as string;
    if (pinyin) {
      if (HAN.test(a) && HAN.test(b)) out.add(`${charPinyin(a)} ${charPinyin(b)}`);
    } else out.add(`${a} ${b}`);
  }
  return out;
}

let scratch = new Int32Array(6 * 64);

/** Longest common substring, longest common subsequence and edit distance, over atoms, in one pass each. */
export function alignment(a: string[], b: string[]): { substring: number; subsequence: number; edit: number } {
  const m = b.length;
  const w = m + 1;
  // six rows in one scratch buffer reused across calls (twelve candidates per search, two alignments each);
  // rows are addressed by offset and swapped by swapping offsets
  if (scratch.length < 6 * w) scratch = new Int32Array(Math.max(6 * w, 2 * scratch.length));
  const r = scratch;
  r.fill(0, 0, 6 * w);
  let prevSub = 0;
  let curSub = w;
  let prevSeq = 2 * w;
  let curSeq = 3 * w;
  let prevEd = 4 * w;
  let curEd = 5 * w;
  for (let j = 0; j <= m; j++) r[prevEd + j] = j;
  let substring = 0;
  for (let i = 1; i <= a.length; i++) {
    r[curEd] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= m; j++) {
      const same = ai === b[j - 1];
      const sub = same ? (r[prevSub + j - 1] as number) + 1 : 0;
      r[curSub + j] = sub;
      if (sub > substring) substring = sub;
      r[curSeq + j] = same
        ? (r[prevSeq + j - 1] as number) + 1
        : Math.max(r[prevSeq + j] as number, r[curSeq + j - 1] as number);
      r[curEd + j] = Math.min(
        (r[prevEd + j] as number) + 1,
        (r[curEd + j - 1] as number) + 1,
        (r[prevEd + j - 1] as number) + (same ? 0 : 1),
      );
    }
    [prevSub, curSub] = [curSub, prevSub];
    [prevSeq, curSeq] = [curSeq, prevSeq];
    [prevEd, curEd] = [curEd, prevEd];
  }
  return { substring, subsequence: r[prevSeq + m] as number, edit: r[prevEd + m] as number };
}

function numbers(atoms: string[]): Set<string> {
  const out = new Set<string>();
  for (const a of atoms) if (NUMERAL.test(a)) out.add(a);
  return out;
}

function negated(atoms: string[]): boolean {
  return atoms.some((a) => NEGATION.has(a) || NEGATION_WORDS.test(a));
}

function maxUnmatched(from: Set<string>, other: Set<string>, prefix: string, idf: IdfSource): number {
  let max = 0;
  for (const t of from) if (!other.has(t)) max = Math.max(max, idf.idf(prefix + t));
  return max / idf.maxIdf();
}

export interface PairContext {
  /** first-stage score divided by the query's own best possible score */
  firstStage: number;
  /** body match, normalized the same way */
  body: number;
  /** share of the query's expansion terms (synonyms, learned) found in the candidate */
  expansion: number;
  /** feedback on this exact query and doc: positive resolved, negative unresolved, in [-1, 1] */
  feedback: number;
  /** first-stage score divided by the best candidate's, and the candidate's first-stage rank (0-based) */
  relative: number;
  rank: number;
}

/** A query's side, computed once per search and reused for every candidate. */
export interface QuerySide extends Side {
  norm: string;
  /** atoms with synonyms rewritten to one form, without particles and courtesy words */
  content: string[];
  contentBigrams: Set<string>;
  atomSet: Set<string>;
  wordSet: Set<string>;
  bigramSet: Set<string>;
  pinyinSet: Set<string>;
  numberSet: Set<string>;
  negated: boolean;
  types: Set<string>;
}

/** `canonical`: the atoms of the text with synonyms rewritten (synonyms.ts Canonicalizer); default the atoms. */
export function querySide(norm: string, side: Side, canonical: string[] = side.atoms): QuerySide {
  const content = canonical.filter((a) => !FILLER.has(a));
  return {
    ...side,
    norm,
    content,
    contentBigrams: bigrams(content, false),
    atomSet: new Set(side.atoms),
    wordSet: new Set(side.words),
    bigramSet: bigrams(side.atoms, false),
    pinyinSet: bigrams(side.atoms, true),
    numberSet: numbers(side.atoms),
    negated: negated(side.atoms),
    types: questionTypes(norm),
  };
}

export function pairFeatures(q: QuerySide, c: QuerySide, ctx: PairContext, idf: IdfSource): Float64Array {
  const f = new Float64Array(FEATURE_COUNT);
  const al = alignment(q.atoms, c.atoms);
  const lq = Math.max(1, q.atoms.length);
  const lc = Math.max(1, c.atoms.length);
  const numQ = q.numberSet;
  const numC = c.numberSet;
  let numberMismatch = 0;
  if (numQ.size > 0 && numC.size > 0) numberMismatch = [...numQ].some((n) => !numC.has(n)) ? 1 : 0;
  else if (numQ.size + numC.size > 0) numberMismatch = 0.5;
  let typeMismatch = 0;
  if (q.types.size > 0 && c.types.size > 0) typeMismatch = [...q.types].some((t) => c.types.has(t)) ? 0 : 1;
  else if (q.types.size + c.types.size > 0) typeMismatch = 0.5;
  f[0] = ctx.firstStage;
  f[1] = ctx.body;
  f[2] = coverage(q.wordSet, c.wordSet, 'w', idf, true);
  f[3] = coverage(c.wordSet, q.wordSet, 'w', idf);
  f[4] = coverage(q.atomSet, c.atomSet, 'c', idf, true);
  f[5] = coverage(c.atomSet, q.atomSet, 'c', idf);
  f[6] = coverage(q.bigramSet, c.bigramSet, 'b', idf, true);
  f[7] = coverage(c.bigramSet, q.bigramSet, 'b', idf);
  f[8] = coverage(q.pinyinSet, c.pinyinSet, 'p', idf, true);
  f[9] = al.substring / lq;
  f[10] = al.substring / lc;
  f[11] = al.subsequence / Math.max(lq, lc);
  f[12] = 1 - al.edit / Math.max(lq, lc);
  f[13] = Math.min(lq, lc) / Math.max(lq, lc);
  f[14] = maxUnmatched(c.wordSet, q.wordSet, 'w', idf);
  f[15] = maxUnmatched(q.wordSet, c.wordSet, 'w', idf);
  f[16] = numberMismatch;
  f[17] = q.negated !== c.negated ? 1 : 0;
  f[18] = typeMismatch;
  f[19] = ctx.expansion;
  f[20] = ctx.feedback;
  const content = alignment(q.content, c.content);
  const cq = Math.max(1, q.content.length);
  const cc = Math.max(1, c.content.length);
  f[21] = 1 - content.edit / Math.max(cq, cc);
  f[22] = content.subsequence / Math.max(cq, cc);
  f[23] = content.edit === 0 ? 1 : 0;
  f[24] = ctx.relative;
  f[25] = 1 / (1 + ctx.rank);
  let shared = 0;
  for (const b of q.contentBigrams) if (c.contentBigrams.has(b)) shared++;
  f[26] = shared / Math.max(1, q.contentBigrams.size);
  f[27] = shared / Math.max(1, c.contentBigrams.size);
  return f;
}
