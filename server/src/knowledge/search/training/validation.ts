// Scores a fitted re-ranker on the general-domain validation set (corpus/validation/general-qa-*.txt): plain written
// questions of a Q&A site, in groups of paraphrases with hard negatives that share most words but ask something else.
// It is never fitted on, so its figures are held out for every model the fit compares. The fitting corpus is mostly
// customer-service chat (typos, particles); this set is what tells whether a model also ranks plain questions. Also
// here: the corpus's own held-out fifth (validationSplit, validate) and how the two are pooled.
import { questionDoc } from '../question-doc.ts';
import { createSearchIndex } from '../search-index.ts';
import type { RerankWeights } from '../types.ts';
import { type Corpus, loadCorpus, VALIDATION_DIR } from './corpus.ts';
import { indexOf, roundOf } from './fit.ts';

/** Every phrasing of a group serves as the knowledge base's entry once, up to this many rotations. */
export const VALIDATION_ROTATIONS = 3;

export interface GeneralValidation {
  corpus: Corpus;
  /** groups whose queries are scored: those sharing no phrasing with the fitting corpus (a shared string would leak) */
  scored: (group: number) => boolean;
}

export function loadGeneralValidation(fitting: Corpus, dir: URL | string = VALIDATION_DIR): GeneralValidation {
  const corpus = loadCorpus(dir);
  const fitted = new Set<string>();
  for (const g of fitting.groups) for (const p of [g.question, ...g.paraphrases]) fitted.add(p);
  const scored = corpus.groups.map((g) => ![g.question, ...g.paraphrases].some((p) => fitted.has(p)));
  return { corpus, scored: (i) => scored[i] === true };
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
  let n = 0;
  let top1 = 0;
  let rr = 0;
  let rightConf = 0;
  let wrongConfident = 0;
  for (let r = 0; r < VALIDATION_ROTATIONS; r++) {
    const index = createSearchIndex({ weights });
    const queries: { text: string; target: string }[] = [];
    groups.forEach((g, i) => {
      const members = [g.question, ...g.paraphrases];
      const entry = members[r];
      if (entry === undefined) return;
      index.upsert(questionDoc(`g${i}`, entry));
      if (!v.scored(i)) return;
      for (const m of members) if (m !== entry) queries.push({ text: m, target: `g${i}` });
    });
    negatives.forEach((text, i) => {
      index.upsert(questionDoc(`n${i}`, text));
    });
    for (const q of queries) {
      const hits = index.search(q.text, { limit: 10 });
      const rank = hits.findIndex((h) => h.docId === q.target) + 1;
      n++;
      if (rank === 1) {
        top1++;
        rightConf += hits[0]?.confidence ?? 0;
      } else if ((hits[0]?.confidence ?? 0) >= 0.5) wrongConfident++;
      if (rank > 0) rr += 1 / rank;
    }
  }
  const d = Math.max(1, n);
  return {
    queries: n,
    top1: top1 / d,
    mrr10: rr / d,
    rightConfidence: rightConf / Math.max(1, top1),
    wrongConfident: wrongConfident / Math.max(1, n - top1),
    unansweredConfident: 0,
  };
}

/** Scores of several validation sets as one: every rate weighted by the queries (or wrong hits) it is a share of. */
export function pooledScores(sets: readonly ValidationScores[]): ValidationScores {
  const queries = sets.reduce((s, v) => s + v.queries, 0);
  const right = sets.reduce((s, v) => s + v.top1 * v.queries, 0);
  const wrong = queries - right;
  const sum = (f: (v: ValidationScores) => number) => sets.reduce((s, v) => s + f(v), 0);
  return {
    queries,
    top1: right / Math.max(1, queries),
    mrr10: sum((v) => v.mrr10 * v.queries) / Math.max(1, queries),
    rightConfidence: sum((v) => v.rightConfidence * v.top1 * v.queries) / Math.max(1, right),
    wrongConfident: sum((v) => v.wrongConfident * (1 - v.top1) * v.queries) / Math.max(1, wrong),
    // only the corpus has unanswered questions: its share is the one there is
    unansweredConfident: Math.max(...sets.map((v) => v.unansweredConfident)),
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
  top1: number;
  mrr10: number;
  /** mean confidence of right top hits, and share of wrong top hits at confidence ≥ 0.5 */
  rightConfidence: number;
  wrongConfident: number;
  /** share of unanswered questions whose top hit has confidence ≥ 0.5 */
  unansweredConfident: number;
}

/** Round 0 (standard questions as entries, as a real knowledge base) scored on the queries `keep` accepts. */
export function validate(corpus: Corpus, weights: RerankWeights, keep: (g: number) => boolean) {
  const round = roundOf(corpus, 0, false);
  const index = indexOf(round, weights);
  let n = 0;
  let top1 = 0;
  let rr = 0;
  let rightConf = 0;
  let wrongConfident = 0;
  let unanswered = 0;
  let unansweredConfident = 0;
  for (const q of round.queries) {
    if (!keep(q.group)) continue;
    const hits = index.search(q.text, { limit: 10 });
    if (q.target === '') {
      unanswered++;
      if ((hits[0]?.confidence ?? 0) >= 0.5) unansweredConfident++;
      continue;
    }
    n++;
    const rank = hits.findIndex((h) => h.docId === q.target) + 1;
    if (rank === 1) {
      top1++;
      rightConf += hits[0]?.confidence ?? 0;
    } else if ((hits[0]?.confidence ?? 0) >= 0.5) wrongConfident++;
    if (rank > 0) rr += 1 / rank;
  }
  const d = Math.max(1, n);
  return {
    queries: n,
    top1: top1 / d,
    mrr10: rr / d,
    rightConfidence: rightConf / Math.max(1, top1),
    wrongConfident: wrongConfident / Math.max(1, n - top1),
    unansweredConfident: unansweredConfident / Math.max(1, unanswered),
  } satisfies ValidationScores;
}
