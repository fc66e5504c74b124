// Scores a fitted re-ranker on the general-domain validation sets: plain written questions of a Q&A site, in groups
// of paraphrases with hard negatives that share most words but ask something else. Neither is fitted on. Two sets:
// - the tuning set (corpus/validation/general-qa-*.txt): some built-in paraphrase sets were written after looking at
//   its misses, and session 4 scored every later choice on it, so its figures are tuning figures, not held out;
// - the untouched set (corpus/validation/untouched/, written at the review of issue 4 before any model ran on it):
//   what `kb fit` chooses on, with the corpus's held-out fifth. Its errors are not to be looked at; once they have
//   been, it becomes tuning data too and a new untouched set is needed.
// The fitting corpus is mostly customer-service chat (typos, particles); these sets tell whether a model also ranks
// plain questions. Also here: the corpus's own held-out fifth (validationSplit, validate) and how sets are pooled.
import type { RerankWeights, SearchIndex } from '../types.ts';
import { type Corpus, loadCorpus, UNTOUCHED_VALIDATION_DIR, VALIDATION_DIR } from './corpus.ts';
import { indexOf, type Round, roundOf } from './fit.ts';

/** Every phrasing of a group serves as the knowledge base's entry once, up to this many rotations. */
export const VALIDATION_ROTATIONS = 3;

export interface GeneralValidation {
  corpus: Corpus;
  /** groups whose queries are scored: those sharing no phrasing with what was fitted or tuned on (a shared string leaks) */
  scored: (group: number) => boolean;
}

/**
 * A validation set whose groups are scored only when none of their phrasings is a phrasing, a hard negative or an
 * unanswered question of the fitting corpus (the re-ranker saw it, with a label), nor one of `seen` (for the untouched
 * set: the tuning set's phrasings, whose misses shaped the built-in paraphrase sets).
 */
export function loadGeneralValidation(
  fitting: Corpus,
  dir: URL | string = VALIDATION_DIR,
  seen: ReadonlySet<string> = new Set(),
): GeneralValidation {
  const corpus = loadCorpus(dir);
  const fitted = new Set<string>([...seen, ...fitting.unanswered]);
  for (const g of fitting.groups) for (const p of [g.question, ...g.paraphrases, ...g.negatives]) fitted.add(p);
  const scored = corpus.groups.map((g) => ![g.question, ...g.paraphrases].some((p) => fitted.has(p)));
  return { corpus, scored: (i) => scored[i] === true };
}

/**
 * The untouched set, scored apart from the fitting corpus and from the tuning set's phrasings and hard negatives
 * (a group worded word for word like a tuning-set negative was seen next to its near-duplicate while tuning).
 */
export function loadUntouchedValidation(
  fitting: Corpus,
  tuning: Corpus,
  dir: URL | string = UNTOUCHED_VALIDATION_DIR,
): GeneralValidation {
  const seen = new Set(tuning.groups.flatMap((g) => [g.question, ...g.paraphrases, ...g.negatives]));
  return loadGeneralValidation(fitting, dir, seen);
}

/**
 * Top1, MRR@10 and confident wrong top hits over the rotations: in rotation r each group's r-th phrasing is its entry
 * (groups with fewer phrasings sit out), its other phrasings are queries, and every hard negative is a distractor.
 */
export function validateGeneral(v: GeneralValidation, weights: RerankWeights): ValidationScores {
  const { groups } = v.corpus;
  const phrasings = new Set<string>();
  for (const g of groups) for (const p of [g.question, ...g.paraphrases]) phrasings.add(p);
  const negatives = [...new Set(groups.flatMap((g) => g.negatives))].filter((n) => !phrasings.has(n));
  const tally = newTally();
  for (let r = 0; r < VALIDATION_ROTATIONS; r++) {
    const entries: Round['entries'] = [];
    const queries: Query[] = [];
    groups.forEach((g, i) => {
      const members = [g.question, ...g.paraphrases];
      const entry = members[r];
      if (entry === undefined) return;
      entries.push({ id: `g${i}`, text: entry });
      if (!v.scored(i)) return;
      for (const m of members) if (m !== entry) queries.push({ text: m, target: `g${i}` });
    });
    negatives.forEach((text, i) => {
      entries.push({ id: `n${i}`, text });
    });
    scoreQueries(indexOf({ entries, queries: [] }, weights), queries, tally);
  }
  return scoresOf(tally);
}

/** A query and the id of the entry that answers it ('' when none does: an unanswered question). */
export interface Query {
  text: string;
  target: string;
}

interface Tally {
  answered: number;
  top1: number;
  reciprocalRanks: number;
  rightConfidence: number;
  wrongConfident: number;
  unanswered: number;
  unansweredConfident: number;
  /** answered queries and right top hits per target: the rotations ask each group several times (not independent) */
  byTarget: Map<string, [number, number]>;
}

const newTally = (): Tally => ({
  answered: 0,
  top1: 0,
  reciprocalRanks: 0,
  rightConfidence: 0,
  wrongConfident: 0,
  unanswered: 0,
  unansweredConfident: 0,
  byTarget: new Map(),
});

/** The one scoring loop: each query's top 10, added to `tally` (a confident hit is one at confidence ≥ 0.5). */
export function scoreQueries(index: SearchIndex, queries: readonly Query[], tally: Tally = newTally()): Tally {
  for (const q of queries) {
    const hits = index.search(q.text, { limit: 10 });
    const topConfidence = hits[0]?.confidence ?? 0;
    if (q.target === '') {
      tally.unanswered++;
      if (topConfidence >= 0.5) tally.unansweredConfident++;
      continue;
    }
    tally.answered++;
    const rank = hits.findIndex((h) => h.docId === q.target) + 1;
    const own = tally.byTarget.get(q.target) ?? [0, 0];
    own[0]++;
    if (rank === 1) own[1]++;
    tally.byTarget.set(q.target, own);
    if (rank === 1) {
      tally.top1++;
      tally.rightConfidence += topConfidence;
    } else if (topConfidence >= 0.5) tally.wrongConfident++;
    if (rank > 0) tally.reciprocalRanks += 1 / rank;
  }
  return tally;
}

/**
 * Standard error of top1 with the group as the unit (a cluster-robust ratio estimate): a group's queries share its
 * entry and distractors, so treating every query as independent understates the noise.
 */
export function top1StandardError(byTarget: ReadonlyMap<string, readonly [number, number]>): number {
  const groups = [...byTarget.values()];
  const g = groups.length;
  const queries = groups.reduce((s, [n]) => s + n, 0);
  if (g < 2 || queries === 0) return 0;
  const p = groups.reduce((s, [, r]) => s + r, 0) / queries;
  const spread = groups.reduce((s, [n, r]) => s + (r - p * n) ** 2, 0);
  return Math.sqrt((g / (g - 1)) * spread) / queries;
}

function scoresOf(t: Tally): ValidationScores {
  const d = Math.max(1, t.answered);
  return {
    queries: t.answered,
    groups: t.byTarget.size,
    top1: t.top1 / d,
    top1SE: top1StandardError(t.byTarget),
    mrr10: t.reciprocalRanks / d,
    rightConfidence: t.rightConfidence / Math.max(1, t.top1),
    wrongConfident: t.wrongConfident / Math.max(1, t.answered - t.top1),
    unanswered: t.unanswered,
    ...(t.unanswered > 0 ? { unansweredConfident: t.unansweredConfident / t.unanswered } : {}),
  };
}

/** Scores of several validation sets as one: every rate weighted by the queries (or wrong hits) it is a share of. */
export function pooledScores(sets: readonly ValidationScores[]): ValidationScores {
  const queries = sets.reduce((s, v) => s + v.queries, 0);
  const right = sets.reduce((s, v) => s + v.top1 * v.queries, 0);
  const wrong = queries - right;
  const sum = (f: (v: ValidationScores) => number) => sets.reduce((s, v) => s + f(v), 0);
  const unanswered = sum((v) => v.unanswered ?? 0);
  return {
    queries,
    groups: sum((v) => v.groups ?? 0),
    top1: right / Math.max(1, queries),
    // the sets are independent of each other: their errors add in quadrature, weighted by their queries
    top1SE: Math.sqrt(sum((v) => ((v.top1SE ?? 0) * v.queries) ** 2)) / Math.max(1, queries),
    mrr10: sum((v) => v.mrr10 * v.queries) / Math.max(1, queries),
    rightConfidence: sum((v) => v.rightConfidence * v.top1 * v.queries) / Math.max(1, right),
    wrongConfident: sum((v) => v.wrongConfident * (1 - v.top1) * v.queries) / Math.max(1, wrong),
    unanswered,
    // a set without unanswered questions adds nothing to their share
    ...(unanswered > 0
      ? { unansweredConfident: sum((v) => (v.unansweredConfident ?? 0) * (v.unanswered ?? 0)) / unanswered }
      : {}),
  };
}

/** Validation: a stable fifth of the groups (by a hash of the standard question) and of the unanswered questions. */
export function validationSplit(corpus: Corpus): (group: number) => boolean {
  const held = corpus.groups.map((g) => hash(g.question) % 5 === 0);
  const n = corpus.groups.length;
  return (group) => (group < n ? held[group] === true : hash(corpus.unanswered[group - n] ?? '') % 5 === 0);
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface ValidationScores {
  queries: number;
  /** groups the queries ask about, and the standard error of top1 over them (top1StandardError) */
  groups?: number;
  top1: number;
  top1SE?: number;
  mrr10: number;
  /** mean confidence of right top hits, and share of wrong top hits at confidence ≥ 0.5 */
  rightConfidence: number;
  wrongConfident: number;
  /** unanswered questions scored, and the share whose top hit has confidence ≥ 0.5 (absent when there are none) */
  unanswered?: number;
  unansweredConfident?: number;
}

/** Round 0 (standard questions as entries, as a real knowledge base) scored on the queries `keep` accepts. */
export function validate(corpus: Corpus, weights: RerankWeights, keep: (g: number) => boolean): ValidationScores {
  const round = roundOf(corpus, 0, false);
  return scoresOf(
    scoreQueries(
      indexOf(round, weights),
      round.queries.filter((q) => keep(q.group)),
    ),
  );
}
