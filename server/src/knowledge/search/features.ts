// Pairwise features between a query and one candidate question: what BM25 alone cannot see — coverage in both
// directions, order (common substrings, edit distance), and the small words that flip a meaning (a different number,
// a negation, "why" instead of "how"). The re-ranker weighs them (reranker.ts). Both sides are integer records
// (side-encoding.ts); the query's lists are marked once per search (QueryMarks) so that comparing it with each
// candidate is a walk over the candidate's integers that allocates nothing but the feature vector.
import {
  FLAGS,
  listStart,
  N_ATOMS,
  N_BIGRAMS,
  N_CONTENT,
  N_CONTENT_BIGRAMS,
  N_NUMBERS,
  N_PINYIN,
  N_WORDS,
} from './side-encoding.ts';

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

/**
 * A feature vector: a plain array in the search path (a Float64Array per candidate would cost an off-heap backing
 * store apiece, which the young-generation collector then has to sweep), a Float64Array where fitting keeps them.
 */
export type FeatureVector = { [i: number]: number; readonly length: number };

/** idf by term id from the question index (unknown ids: the largest idf there is). */
export interface IdfById {
  idfOfId(id: number): number;
  maxIdf(): number;
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

let scratch = new Int32Array(6 * 64);

/** Longest common substring, longest common subsequence and edit distance of two id runs, in one pass each. */
export function alignment(
  a: ArrayLike<number>,
  aOff: number,
  aLen: number,
  b: ArrayLike<number>,
  bOff: number,
  bLen: number,
  out: Int32Array,
): void {
  const w = bLen + 1;
  // six rows in one scratch buffer reused across calls; rows are addressed by offset and swapped by swapping offsets
  if (scratch.length < 6 * w) scratch = new Int32Array(Math.max(6 * w, 2 * scratch.length));
  const r = scratch;
  r.fill(0, 0, 6 * w);
  let prevSub = 0;
  let curSub = w;
  let prevSeq = 2 * w;
  let curSeq = 3 * w;
  let prevEd = 4 * w;
  let curEd = 5 * w;
  for (let j = 0; j <= bLen; j++) r[prevEd + j] = j;
  let substring = 0;
  for (let i = 1; i <= aLen; i++) {
    r[curEd] = i;
    const ai = a[aOff + i - 1];
    for (let j = 1; j <= bLen; j++) {
      const same = ai === b[bOff + j - 1];
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
    let t = prevSub;
    prevSub = curSub;
    curSub = t;
    t = prevSeq;
    prevSeq = curSeq;
    curSeq = t;
    t = prevEd;
    prevEd = curEd;
    curEd = t;
  }
  out[0] = substring;
  out[1] = r[prevSeq + bLen] as number;
  out[2] = r[prevEd + bLen] as number;
}

function grow(a: Uint32Array, n: number): Uint32Array {
  if (a.length >= n) return a;
  const next = new Uint32Array(Math.max(n, a.length * 2));
  next.set(a);
  return next;
}

/**
 * The query's side with its lists marked for O(1) membership: one stamp array per list kind, indexed by term id; a
 * term is in the query's list when its stamp equals the current epoch. Kept by the index and reused search after
 * search (the arrays only grow with the vocabulary).
 */
export class QueryMarks {
  private words: Uint32Array = new Uint32Array(1024);
  private atoms: Uint32Array = new Uint32Array(1024);
  private bigrams: Uint32Array = new Uint32Array(1024);
  private contentBigrams: Uint32Array = new Uint32Array(1024);
  private sounds: Uint32Array = new Uint32Array(1024);
  /** a candidate's atoms already counted (candidates' atom lists repeat atoms) */
  private seen: Uint32Array = new Uint32Array(1024);
  /** position of each marked word in the query's word list */
  private wordPos: Int32Array = new Int32Array(1024);
  private epoch = 0;
  private seenEpoch = 0;
  rec: ArrayLike<number> = [];
  private wordIdf: Float64Array = new Float64Array(16);
  private wordMatched: Uint8Array = new Uint8Array(16);
  private wordTotal = 0;
  private atomTotal = 0;
  private bigramTotal = 0;
  private soundCount = 0;
  private readonly align = new Int32Array(3);

  /** Marks a query's record; `terms` and `sounds`: the sizes of the term and pinyin tables. */
  prepare(rec: ArrayLike<number>, terms: number, sounds: number, idf: IdfById): void {
    this.rec = rec;
    this.epoch++;
    if (this.epoch === 0xffffffff) this.reset();
    const e = this.epoch;
    this.words = grow(this.words, terms);
    this.atoms = grow(this.atoms, terms);
    this.bigrams = grow(this.bigrams, terms);
    this.contentBigrams = grow(this.contentBigrams, terms);
    this.seen = grow(this.seen, terms);
    this.sounds = grow(this.sounds, sounds);
    if (this.wordPos.length < terms) {
      const next = new Int32Array(Math.max(terms, this.wordPos.length * 2));
      next.set(this.wordPos);
      this.wordPos = next;
    }
    const nWords = rec[N_WORDS] as number;
    if (this.wordIdf.length < nWords) {
      this.wordIdf = new Float64Array(nWords * 2);
      this.wordMatched = new Uint8Array(nWords * 2);
    }
    let at = listStart(rec, 0, N_ATOMS);
    this.atomTotal = 0;
    for (let i = 0; i < (rec[N_ATOMS] as number); i++) {
      const id = rec[at + i] as number;
      if (id >= 0) {
        if (this.atoms[id] === e) continue;
        this.atoms[id] = e;
      } else if (this.seenLocal(rec, at, i)) continue;
      this.atomTotal += idf.idfOfId(id);
    }
    at = listStart(rec, 0, N_WORDS);
    this.wordTotal = 0;
    for (let i = 0; i < nWords; i++) {
      const id = rec[at + i] as number;
      const w = idf.idfOfId(id);
      this.wordIdf[i] = w;
      this.wordTotal += w;
      if (id >= 0) {
        this.words[id] = e;
        this.wordPos[id] = i;
      }
    }
    at = listStart(rec, 0, N_BIGRAMS);
    this.bigramTotal = 0;
    for (let i = 0; i < (rec[N_BIGRAMS] as number); i++) {
      const id = rec[at + i] as number;
      this.bigramTotal += idf.idfOfId(id);
      if (id >= 0) this.bigrams[id] = e;
    }
    at = listStart(rec, 0, N_PINYIN);
    this.soundCount = rec[N_PINYIN] as number;
    for (let i = 0; i < this.soundCount; i++) {
      const id = rec[at + i] as number;
      if (id >= 0) this.sounds[id] = e;
    }
    at = listStart(rec, 0, N_CONTENT_BIGRAMS);
    for (let i = 0; i < (rec[N_CONTENT_BIGRAMS] as number); i++) {
      const id = rec[at + i] as number;
      if (id >= 0) this.contentBigrams[id] = e;
    }
  }

  /** A query-local (negative) atom id seen earlier in the list. */
  private seenLocal(rec: ArrayLike<number>, at: number, i: number): boolean {
    const id = rec[at + i];
    for (let j = 0; j < i; j++) if (rec[at + j] === id) return true;
    return false;
  }

  private reset(): void {
    for (const a of [this.words, this.atoms, this.bigrams, this.contentBigrams, this.sounds, this.seen]) a.fill(0);
    this.epoch = 1;
    this.seenEpoch = 0;
  }

  hasWord(id: number): boolean {
    return id >= 0 && this.words[id] === this.epoch;
  }

  /** The features of the marked query against the candidate record at `c[off]`. */
  features(c: ArrayLike<number>, off: number, ctx: PairContext, idf: IdfById, out: FeatureVector): FeatureVector {
    const q = this.rec;
    const e = this.epoch;
    const maxIdf = idf.maxIdf();
    // words: shared idf mass, the candidate's own mass, and which query words it has
    const nqWords = q[N_WORDS] as number;
    this.wordMatched.fill(0, 0, nqWords);
    let at = listStart(c, off, N_WORDS);
    let n = c[off + N_WORDS] as number;
    let shared = 0;
    let own = 0;
    let unmatchedC = 0;
    for (let i = 0; i < n; i++) {
      const id = c[at + i] as number;
      const w = idf.idfOfId(id);
      own += w;
      if (this.words[id] === e) {
        shared += w;
        this.wordMatched[this.wordPos[id] as number] = 1;
      } else if (w > unmatchedC) unmatchedC = w;
    }
    let unmatchedQ = 0;
    for (let i = 0; i < nqWords; i++)
      if (this.wordMatched[i] === 0 && (this.wordIdf[i] as number) > unmatchedQ) unmatchedQ = this.wordIdf[i] as number;
    out[2] = this.wordTotal > 0 ? shared / this.wordTotal : 0;
    out[3] = own > 0 ? shared / own : 0;
    out[14] = unmatchedC / maxIdf;
    out[15] = unmatchedQ / maxIdf;
    // atoms (distinct)
    this.seenEpoch++;
    if (this.seenEpoch === 0xffffffff) {
      this.seen.fill(0);
      this.seenEpoch = 1;
    }
    const se = this.seenEpoch;
    const atomsAt = listStart(c, off, N_ATOMS);
    const nAtoms = c[off + N_ATOMS] as number;
    shared = 0;
    own = 0;
    for (let i = 0; i < nAtoms; i++) {
      const id = c[atomsAt + i] as number;
      if (this.seen[id] === se) continue;
      this.seen[id] = se;
      const w = idf.idfOfId(id);
      own += w;
      if (this.atoms[id] === e) shared += w;
    }
    out[4] = this.atomTotal > 0 ? shared / this.atomTotal : 0;
    out[5] = own > 0 ? shared / own : 0;
    // bigrams
    at = listStart(c, off, N_BIGRAMS);
    n = c[off + N_BIGRAMS] as number;
    shared = 0;
    own = 0;
    for (let i = 0; i < n; i++) {
      const id = c[at + i] as number;
      const w = idf.idfOfId(id);
      own += w;
      if (this.bigrams[id] === e) shared += w;
    }
    out[6] = this.bigramTotal > 0 ? shared / this.bigramTotal : 0;
    out[7] = own > 0 ? shared / own : 0;
    // pinyin bigrams: never index terms, so every one weighs the same
    at = listStart(c, off, N_PINYIN);
    n = c[off + N_PINYIN] as number;
    let hits = 0;
    for (let i = 0; i < n; i++) if (this.sounds[c[at + i] as number] === e) hits++;
    out[8] = this.soundCount > 0 ? hits / this.soundCount : 0;
    // order
    const qAtomsAt = listStart(q, 0, N_ATOMS);
    const nqAtoms = q[N_ATOMS] as number;
    const al = this.align;
    alignment(q, qAtomsAt, nqAtoms, c, atomsAt, nAtoms, al);
    const lq = Math.max(1, nqAtoms);
    const lc = Math.max(1, nAtoms);
    out[9] = (al[0] as number) / lq;
    out[10] = (al[0] as number) / lc;
    out[11] = (al[1] as number) / Math.max(lq, lc);
    out[12] = 1 - (al[2] as number) / Math.max(lq, lc);
    out[13] = Math.min(lq, lc) / Math.max(lq, lc);
    // numbers, negation, question type
    const nqNum = q[N_NUMBERS] as number;
    const ncNum = c[off + N_NUMBERS] as number;
    let numberMismatch = 0;
    if (nqNum > 0 && ncNum > 0) {
      const qa = listStart(q, 0, N_NUMBERS);
      const ca = listStart(c, off, N_NUMBERS);
      for (let i = 0; i < nqNum && numberMismatch === 0; i++) {
        let found = false;
        for (let j = 0; j < ncNum && !found; j++) found = q[qa + i] === c[ca + j];
        if (!found) numberMismatch = 1;
      }
    } else if (nqNum + ncNum > 0) numberMismatch = 0.5;
    out[16] = numberMismatch;
    const qFlags = q[FLAGS] as number;
    const cFlags = c[off + FLAGS] as number;
    out[17] = (qFlags & 1) !== (cFlags & 1) ? 1 : 0;
    const qTypes = qFlags >> 1;
    const cTypes = cFlags >> 1;
    out[18] = qTypes !== 0 && cTypes !== 0 ? ((qTypes & cTypes) !== 0 ? 0 : 1) : qTypes + cTypes !== 0 ? 0.5 : 0;
    out[0] = ctx.firstStage;
    out[1] = ctx.body;
    out[19] = ctx.expansion;
    out[20] = ctx.feedback;
    // canonical content (synonyms rewritten, particles dropped)
    const nqContent = q[N_CONTENT] as number;
    const ncContent = c[off + N_CONTENT] as number;
    alignment(q, listStart(q, 0, N_CONTENT), nqContent, c, listStart(c, off, N_CONTENT), ncContent, al);
    const cq = Math.max(1, nqContent);
    const cc = Math.max(1, ncContent);
    out[21] = 1 - (al[2] as number) / Math.max(cq, cc);
    out[22] = (al[1] as number) / Math.max(cq, cc);
    out[23] = al[2] === 0 ? 1 : 0;
    out[24] = ctx.relative;
    out[25] = 1 / (1 + ctx.rank);
    at = listStart(c, off, N_CONTENT_BIGRAMS);
    n = c[off + N_CONTENT_BIGRAMS] as number;
    hits = 0;
    for (let i = 0; i < n; i++) if (this.contentBigrams[c[at + i] as number] === e) hits++;
    out[26] = hits / Math.max(1, q[N_CONTENT_BIGRAMS] as number);
    out[27] = hits / Math.max(1, n);
    return out;
  }
}
