// The hybrid search index: BM25 over words, characters, n-grams and pinyin finds candidates; a re-ranker over
// pairwise features orders them and gives each a calibrated confidence. Pure in-memory, no I/O.
import { type Analysis, analyze, atomize, kindOf } from './analyzer.ts';
import { cosine, normalizeVector } from './embedding-math.ts';
import type { Expansion } from './explain.ts';
import { FEATURE_NAMES, pairFeatures, type QuerySide, querySide } from './features.ts';
import { passesFilters } from './filters.ts';
import { GENERAL_SYNONYMS } from './general-synonyms.ts';
import { buildHit } from './hit.ts';
import { HomophoneMap } from './homophones.ts';
import { WordAssociations } from './learned.ts';
import { createSegmenter, normalizeForSearch, type Segmenter } from './nlu-adapter.ts';
import { InvertedIndex, type QueryTerm } from './postings.ts';
import { expandQuery } from './query-expansion.ts';
import { confidenceOf, rerankScore } from './reranker.ts';
import { DEFAULT_WEIGHTS } from './reranker-weights.ts';
import { Canonicalizer, SynonymTable } from './synonyms.ts';
import { TopK } from './top-k.ts';
import type { RerankWeights, SearchDoc, SearchHit, SearchIndex, SearchIndexOptions, SearchOptions } from './types.ts';

/** First-stage weight of each term kind (word, char, bigram, pinyin) on questions and on bodies. */
export const QUESTION_KIND_WEIGHTS = [1, 0.35, 0.7, 0.25];
export const BODY_KIND_WEIGHTS = [1, 0, 0, 0];
const BODY_WEIGHT = 0.3;
const CANDIDATES = 12;
/** Postings walked per query before common terms are skipped (bounds latency on large knowledge bases). */
const QUESTION_BUDGET = 8_000;
const BODY_BUDGET = 4_000;
/** Units scoring below this share of the best unit are not considered for the candidate list. */
const UNIT_FLOOR = 0.3;
/** Question sides (sets used by the re-ranker) kept between searches. */
const SIDE_CACHE = 4096;
/** Added to the re-ranker score per unit of cosine similarity when both sides have embeddings. */
const EMBEDDING_WEIGHT = 4;
const MAX_LEARNED_QUERIES = 20;
const EXACT_CONFIDENCE = 0.95;
const CONTENT_EQUAL = FEATURE_NAMES.indexOf('content_equal');
const SEMANTIC_CANDIDATES = 5;
const SEMANTIC_SCAN_CAP = 50_000;

type Field = 'title' | 'alternate' | 'learned';

interface QuestionUnit {
  id: number;
  doc: number;
  field: Field;
  text: string;
  analysis: { norm: string; atoms: string[]; words: string[] };
}

interface DocEntry {
  doc: SearchDoc;
  idx: number;
  units: number[];
  bodyUnit: number;
  learnedQueries: string[];
  associations: [string, string][][];
  vector: Float32Array | null;
}

export function createSearchIndex(opts: SearchIndexOptions = {}): SearchIndex & SearchInternals {
  return new HybridIndex(opts);
}

/** What evaluation and fitting need beyond the public interface. */
export interface SearchInternals {
  /** Candidates with their feature vectors, before re-ranking (for fitting weights). */
  candidates(query: string, options?: SearchOptions): { docId: string; features: Float64Array }[];
  setWeights(weights: RerankWeights): void;
}

class HybridIndex implements SearchIndex, SearchInternals {
  private readonly segmenter: Segmenter;
  private readonly homophones = new HomophoneMap();
  private readonly questions = new InvertedIndex((key) => this.homophones.addKey(key));
  private readonly bodies = new InvertedIndex();
  private readonly questionUnits: (QuestionUnit | undefined)[] = [];
  private bodyUnitDoc: Int32Array = new Int32Array(1024);
  private unitDoc: Int32Array = new Int32Array(1024);
  private readonly sides = new Map<number, QuerySide>();
  private readonly alternativeTerms = new Map<string, string[]>();
  private readonly entries: (DocEntry | undefined)[] = [];
  private readonly byId = new Map<string, DocEntry>();
  private readonly synonyms: SynonymTable;
  private readonly general = new SynonymTable(GENERAL_SYNONYMS);
  private readonly canonicalizer = new Canonicalizer();
  private readonly associations = new WordAssociations();
  private readonly feedback = new Map<string, Map<string, number>>();
  private weights: RerankWeights;
  private bufQ: Float32Array = new Float32Array(1024);
  private bufB: Float32Array = new Float32Array(1024);
  private docBest: Float32Array = new Float32Array(1024);
  private docBestUnit: Int32Array = new Int32Array(1024).fill(-1);
  private docBody: Float32Array = new Float32Array(1024);
  private docTouched: Uint8Array = new Uint8Array(1024);
  /** each doc's title unit (a doc found by its body alone is compared through its title) */
  private docFirstUnit: Int32Array = new Int32Array(1024).fill(-1);
  private vectors = 0;
  private readonly dfOfQuestionTerm = (key: string) => this.questions.df(key);

  constructor(opts: SearchIndexOptions) {
    this.segmenter = createSegmenter(opts.userDictionary);
    this.synonyms = new SynonymTable(opts.synonyms ?? []);
    this.canonicalizer.set([...(opts.synonyms ?? []), ...GENERAL_SYNONYMS]);
    this.weights = opts.weights ?? DEFAULT_WEIGHTS;
  }

  get size(): number {
    return this.byId.size;
  }

  has(docId: string): boolean {
    return this.byId.has(docId);
  }

  get(docId: string): SearchDoc | undefined {
    return this.byId.get(docId)?.doc;
  }

  setSynonyms(sets: string[][]): void {
    this.synonyms.set(sets);
    this.canonicalizer.set([...sets, ...GENERAL_SYNONYMS]);
    this.sides.clear(); // their canonical forms changed
  }

  setWeights(weights: RerankWeights): void {
    this.weights = weights;
  }

  /** The score that calibrates to EXACT_CONFIDENCE under the current weights. */
  private get exactScore(): number {
    const { a, b } = this.weights.calibration;
    return a > 0 ? (Math.log(EXACT_CONFIDENCE / (1 - EXACT_CONFIDENCE)) - b) / a : Number.POSITIVE_INFINITY;
  }

  upsert(doc: SearchDoc): void {
    const previous = this.byId.get(doc.id);
    const learnedQueries = previous?.learnedQueries ?? [];
    const vector = previous?.vector ?? null;
    if (previous) this.remove(doc.id);
    const idx = this.entries.length;
    const entry: DocEntry = { doc, idx, units: [], bodyUnit: -1, learnedQueries, associations: [], vector };
    this.entries.push(entry);
    this.byId.set(doc.id, entry);
    if (vector) this.vectors++;
    this.ensureDocCapacity(idx + 1);
    const titleWords = this.addQuestion(entry, 'title', doc.title);
    for (const alt of doc.alternates) {
      const words = this.addQuestion(entry, 'alternate', alt);
      if (titleWords && words) entry.associations.push(this.associations.learn(titleWords, words));
    }
    for (const q of learnedQueries) this.addQuestion(entry, 'learned', q);
    this.docFirstUnit[idx] = entry.units[0] ?? -1;
    if (doc.body.trim().length > 0) {
      const a = analyze(doc.body, this.segmenter, { full: false });
      entry.bodyUnit = this.bodies.add(a.terms);
      this.bodyUnitDoc = ensure(this.bodyUnitDoc, entry.bodyUnit + 1);
      this.bodyUnitDoc[entry.bodyUnit] = idx;
    }
  }

  remove(docId: string): boolean {
    const entry = this.byId.get(docId);
    if (!entry) return false;
    for (const u of entry.units) {
      const unit = this.questionUnits[u] as QuestionUnit;
      const terms = analyze(unit.text, this.segmenter).terms;
      this.questions.remove(u, terms);
      this.questionUnits[u] = undefined;
      this.sides.delete(u);
    }
    if (entry.bodyUnit >= 0)
      this.bodies.remove(entry.bodyUnit, analyze(entry.doc.body, this.segmenter, { full: false }).terms);
    for (const added of entry.associations) this.associations.unlearn(added);
    if (entry.vector) this.vectors--;
    this.entries[entry.idx] = undefined;
    this.byId.delete(docId);
    return true;
  }

  setVector(docId: string, vector: Float32Array | number[] | null): void {
    const entry = this.byId.get(docId);
    if (!entry) return;
    if (entry.vector) this.vectors--;
    entry.vector = vector ? normalizeVector(vector) : null;
    if (entry.vector) this.vectors++;
  }

  learnFromFeedback(query: string, docId: string, resolved: boolean): void {
    const entry = this.byId.get(docId);
    const norm = normalizeForSearch(query).trim();
    if (!entry || norm.length === 0) return;
    const byDoc = this.feedback.get(norm) ?? new Map<string, number>();
    byDoc.set(docId, (byDoc.get(docId) ?? 0) + (resolved ? 1 : -1));
    this.feedback.set(norm, byDoc);
    if (!resolved || entry.learnedQueries.includes(norm)) return;
    // a resolving question becomes one more phrasing of the doc (bounded, oldest forgotten first)
    entry.learnedQueries.push(norm);
    if (entry.learnedQueries.length > MAX_LEARNED_QUERIES) entry.learnedQueries.shift();
    this.upsert(entry.doc);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(1, Math.min(100, Math.floor(options.limit ?? 10)));
    const ranked = this.rank(query, options, Math.max(CANDIDATES, limit));
    if (!ranked) return [];
    const { q, expansions, scored } = ranked;
    return scored.slice(0, limit).map(({ idx, unit, score }) => {
      const entry = this.entries[idx] as DocEntry;
      const u = unit >= 0 ? (this.questionUnits[unit] as QuestionUnit) : undefined;
      return this.hit(entry, u, q, expansions, score);
    });
  }

  candidates(query: string, options: SearchOptions = {}): { docId: string; features: Float64Array }[] {
    const ranked = this.rank(query, options, CANDIDATES);
    if (!ranked) return [];
    return ranked.scored.map(({ idx, features }) => ({ docId: (this.entries[idx] as DocEntry).doc.id, features }));
  }

  private hit(entry: DocEntry, unit: QuestionUnit | undefined, q: QuerySide, exp: Expansion[], score: number) {
    const fields = unit
      ? [{ field: unit.field, text: unit.text, side: this.sideOf(unit), learnedUnit: unit.field === 'learned' }]
      : [];
    return buildHit(entry.doc, fields, q, exp, score, confidenceOf(this.weights, score));
  }

  private rank(query: string, options: SearchOptions, k: number) {
    const a = analyze(query, this.segmenter);
    if (a.atoms.length === 0) return undefined;
    const q = this.side(a.norm, a);
    const { terms, expansions } = this.expand(a);
    const now = options.now ?? Date.now();
    const own: QueryTerm[] = [...a.terms.keys()].map((key) => ({ key, weight: 1 }));
    const qNorm =
      own.reduce((s, t) => s + (QUESTION_KIND_WEIGHTS[kindOf(t.key)] as number) * this.questions.idf(t.key), 0) || 1;
    const bNorm =
      own.reduce((s, t) => s + (BODY_KIND_WEIGHTS[kindOf(t.key)] as number) * this.bodies.idf(t.key), 0) || 1;
    const top = this.firstStage([...own, ...terms], own, options, now, k);
    if (options.queryVector && this.vectors > 0) this.addSemanticCandidates(top, options, now);
    const feedback = this.feedback.get(a.norm);
    const idfMemo = new Map<string, number>();
    const maxIdf = this.questions.maxIdf();
    const idf = {
      idf: (key: string) => {
        let v = idfMemo.get(key);
        if (v === undefined) {
          v = this.questions.idf(key);
          idfMemo.set(key, v);
        }
        return v;
      },
      maxIdf: () => maxIdf,
    };
    const best = top[0]?.score || 1;
    const scored = top.map(({ id: idx, score: first }, rank) => {
      const entry = this.entries[idx] as DocEntry;
      const unit = this.docBestUnit[idx] as number;
      const side =
        unit >= 0 ? this.sideOf(this.questionUnits[unit] as QuestionUnit) : querySide('', { atoms: [], words: [] });
      const matchedExp = expansions.filter((e) =>
        e.via === 'synonym' ? side.norm.includes(e.term) : side.wordSet.has(e.term),
      );
      const fb = feedback?.get(entry.doc.id) ?? 0;
      const features = pairFeatures(
        q,
        side,
        {
          firstStage: (this.docBest[idx] as number) / qNorm,
          body: (this.docBody[idx] as number) / bNorm,
          expansion: expansions.length > 0 ? matchedExp.length / expansions.length : 0,
          feedback: Math.tanh(fb / 2),
          relative: first / best,
          rank,
        },
        idf,
      );
      let score = rerankScore(this.weights, features);
      // The same question as one the knowledge base holds (after synonyms, particles and punctuation) is the best
      // evidence there is. Pair sets tend to teach the opposite — their near-duplicate distractors are labelled
      // wrong — so this is a rule, not a learned weight: such a hit scores at least what calibrates to EXACT_CONFIDENCE.
      if (features[CONTENT_EQUAL] === 1) score = Math.max(score, this.exactScore);
      if (options.queryVector && entry.vector) score += EMBEDDING_WEIGHT * cosine(options.queryVector, entry.vector);
      return { idx, unit, score, features };
    });
    for (const { id } of top) {
      this.docBest[id] = 0;
      this.docBody[id] = 0;
      this.docBestUnit[id] = -1;
    }
    scored.sort((x, y) => y.score - x.score || x.idx - y.idx);
    return { q, expansions, scored };
  }

  /** BM25 candidates: best question of each doc plus a share of its body, filtered, best k. */
  private firstStage(terms: QueryTerm[], own: QueryTerm[], options: SearchOptions, now: number, k: number) {
    this.bufQ = this.questions.buffer(this.bufQ);
    this.bufB = this.bodies.buffer(this.bufB);
    const q = this.questions.score(terms, QUESTION_KIND_WEIGHTS, this.bufQ, QUESTION_BUDGET);
    const bodyTerms = own.filter((t) => (BODY_KIND_WEIGHTS[kindOf(t.key)] as number) > 0);
    const b = this.bodies.score(bodyTerms, BODY_KIND_WEIGHTS, this.bufB, BODY_BUDGET);
    const touchedDocs: number[] = [];
    const { bufQ, bufB, docTouched, docBest, docBestUnit, docBody, unitDoc, bodyUnitDoc, docFirstUnit } = this;
    let floor = 0;
    for (let i = 0; i < q.count; i++) floor = Math.max(floor, bufQ[q.touched[i] as number] as number);
    floor *= UNIT_FLOOR;
    for (let i = 0; i < q.count; i++) {
      const u = q.touched[i] as number;
      const s = bufQ[u] as number;
      bufQ[u] = 0;
      if (s < floor || !this.questions.isAlive(u)) continue;
      const d = unitDoc[u] as number;
      if (docTouched[d] === 0) {
        docTouched[d] = 1;
        touchedDocs.push(d);
      }
      if (s > (docBest[d] as number) || docBestUnit[d] === -1) {
        docBest[d] = s;
        docBestUnit[d] = u;
      }
    }
    let bodyFloor = 0;
    for (let i = 0; i < b.count; i++) bodyFloor = Math.max(bodyFloor, bufB[b.touched[i] as number] as number);
    bodyFloor *= UNIT_FLOOR;
    for (let i = 0; i < b.count; i++) {
      const u = b.touched[i] as number;
      const s = bufB[u] as number;
      bufB[u] = 0;
      if (s < bodyFloor || !this.bodies.isAlive(u)) continue;
      const d = bodyUnitDoc[u] as number;
      if (docTouched[d] === 0) {
        docTouched[d] = 1;
        touchedDocs.push(d);
      }
      if (docBestUnit[d] === -1) docBestUnit[d] = docFirstUnit[d] as number;
      docBody[d] = s;
    }
    const heap = new TopK(k);
    for (const d of touchedDocs) {
      const score = (docBest[d] as number) + BODY_WEIGHT * (docBody[d] as number);
      if (score <= heap.threshold) continue;
      const entry = this.entries[d];
      if (entry && passesFilters(entry.doc, options, now)) heap.push(d, score);
    }
    const top = heap.sorted();
    const kept = new Set(top.map((t) => t.id));
    for (const d of touchedDocs) {
      docTouched[d] = 0;
      if (kept.has(d)) continue;
      docBest[d] = 0;
      docBody[d] = 0;
      docBestUnit[d] = -1;
    }
    // the common terms skipped while walking postings still count for the candidates kept
    if (q.skipped.length > 0) {
      for (const t of top) {
        const unit = docBestUnit[t.id] as number;
        if (unit < 0) continue;
        const side = this.sideOf(this.questionUnits[unit] as QuestionUnit);
        for (const term of q.skipped) {
          if (hasTerm(side, term.key))
            docBest[t.id] = (docBest[t.id] as number) + this.questions.termScore(term, QUESTION_KIND_WEIGHTS, unit);
        }
        t.score = (docBest[t.id] as number) + BODY_WEIGHT * (docBody[t.id] as number);
      }
      top.sort((x, y) => y.score - x.score || x.id - y.id);
    }
    return top;
  }

  /**
   * Docs close to the query's embedding that share no term with it join the candidates (brute force: embeddings are
   * an option for knowledge bases of modest size; above the cap only lexical candidates are re-scored).
   */
  private addSemanticCandidates(top: { id: number; score: number }[], options: SearchOptions, now: number): void {
    if (this.vectors > SEMANTIC_SCAN_CAP) return;
    const query = options.queryVector as Float32Array | number[];
    const present = new Set(top.map((t) => t.id));
    const heap = new TopK(SEMANTIC_CANDIDATES);
    for (const entry of this.entries) {
      if (!entry?.vector || present.has(entry.idx) || !passesFilters(entry.doc, options, now)) continue;
      heap.push(entry.idx, cosine(query, entry.vector));
    }
    for (const { id, score } of heap.sorted()) {
      if (score <= 0) continue;
      this.docBestUnit[id] = this.docFirstUnit[id] as number;
      top.push({ id, score: 0 });
    }
  }

  private expand(a: Analysis): { terms: QueryTerm[]; expansions: Expansion[] } {
    return expandQuery(a, {
      synonyms: this.synonyms,
      general: this.general,
      homophones: this.homophones,
      associations: this.associations,
      termsOf: (text) => this.termsOf(text),
      df: this.dfOfQuestionTerm,
    });
  }

  /** Index terms of a synonym alternative (cached: the same few alternatives come back query after query). */
  private termsOf(text: string): string[] {
    let keys = this.alternativeTerms.get(text);
    if (!keys) {
      keys = [...analyze(text, this.segmenter).terms.keys()];
      if (this.alternativeTerms.size > 10_000) this.alternativeTerms.clear();
      this.alternativeTerms.set(text, keys);
    }
    return keys;
  }

  private addQuestion(entry: DocEntry, field: Field, text: string): string[] | undefined {
    const a = analyze(text, this.segmenter);
    if (a.atoms.length === 0) return undefined;
    const id = this.questions.add(a.terms);
    this.unitDoc = ensure(this.unitDoc, id + 1);
    this.unitDoc[id] = entry.idx;
    this.questionUnits[id] = {
      id,
      doc: entry.idx,
      field,
      text,
      analysis: { norm: a.norm, atoms: a.atoms, words: a.words },
    };
    entry.units.push(id);
    return a.words;
  }

  private sideOf(unit: QuestionUnit): QuerySide {
    const cached = this.sides.get(unit.id);
    if (cached) return cached;
    const side = this.side(unit.analysis.norm, unit.analysis);
    this.sides.set(unit.id, side);
    if (this.sides.size > SIDE_CACHE) this.sides.delete(this.sides.keys().next().value as number);
    return side;
  }

  private side(norm: string, a: { atoms: string[]; words: string[] }): QuerySide {
    const canonical = this.canonicalizer.apply(norm);
    return querySide(norm, a, canonical === norm ? a.atoms : atomize(canonical).atoms);
  }

  private ensureDocCapacity(n: number): void {
    if (n <= this.docBest.length) return;
    const size = Math.max(n, this.docBest.length * 2);
    const grow = <T extends Float32Array | Int32Array>(old: T, make: (s: number) => T, fill?: number): T => {
      const next = make(size);
      if (fill !== undefined) next.fill(fill);
      next.set(old);
      return next;
    };
    this.docBest = grow(this.docBest, (s) => new Float32Array(s));
    this.docBody = grow(this.docBody, (s) => new Float32Array(s));
    this.docBestUnit = grow(this.docBestUnit, (s) => new Int32Array(s), -1);
    this.docFirstUnit = grow(this.docFirstUnit, (s) => new Int32Array(s), -1);
    const touched = new Uint8Array(size);
    touched.set(this.docTouched);
    this.docTouched = touched;
  }
}

function ensure(a: Int32Array, n: number): Int32Array {
  if (n <= a.length) return a;
  const next = new Int32Array(Math.max(n, a.length * 2));
  next.set(a);
  return next;
}

/** Whether a question side holds an index term (key = kind prefix + text, as analyzer.ts builds them). */
function hasTerm(side: QuerySide, key: string): boolean {
  const text = key.slice(1);
  switch (key.charCodeAt(0)) {
    case 119: // w
      return side.wordSet.has(text);
    case 99: // c
      return side.atomSet.has(text);
    case 98: // b
      return side.bigramSet.has(text);
    default:
      return side.pinyinSet.has(text);
  }
}
