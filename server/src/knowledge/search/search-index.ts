// The hybrid search index: BM25 over words, characters, n-grams and pinyin finds candidates (first-stage.ts); a
// re-ranker over pairwise features (features.ts) orders them and gives each a calibrated confidence. Every question
// is encoded as integers once, at index time (side-encoding.ts, side-arena.ts), so a search compares its query with
// the candidates without building strings or sets. The documents and what each put into the index are kept by
// indexed-docs.ts; this file answers queries. Pure in-memory, no I/O.
import { type Analysis, analyze } from './analyzer.ts';
import { cosine } from './embedding-math.ts';
import type { Expansion } from './explain.ts';
import { FEATURE_COUNT, FEATURE_NAMES, QueryMarks } from './features.ts';
import { passesFilters } from './filters.ts';
import { type Candidate, FirstStage, QUESTION_KIND_WEIGHTS } from './first-stage.ts';
import { GENERAL_SYNONYMS } from './general-synonyms.ts';
import { buildHit } from './hit.ts';
import { type DocEntry, IndexedDocs } from './indexed-docs.ts';
import { createSegmenter, normalizeForSearch, type Segmenter } from './nlu-adapter.ts';
import { InvertedIndex, type QueryTerm } from './postings.ts';
import { expandQuery } from './query-expansion.ts';
import { QuestionUnits } from './question-units.ts';
import { confidenceOf, rerankScore } from './reranker.ts';
import { DEFAULT_WEIGHTS } from './reranker-weights.ts';
import { HEADER } from './side-encoding.ts';
import { SynonymTable } from './synonyms.ts';
import { textSide } from './text-side.ts';
import { TopK } from './top-k.ts';
import type { RerankWeights, SearchDoc, SearchHit, SearchIndex, SearchIndexOptions, SearchOptions } from './types.ts';

export { BODY_KIND_WEIGHTS, QUESTION_KIND_WEIGHTS } from './first-stage.ts';

const CANDIDATES = 12;
/** Added to the re-ranker score per unit of cosine similarity when both sides have embeddings. */
const EMBEDDING_WEIGHT = 4;
const EXACT_CONFIDENCE = 0.95;
const CONTENT_EQUAL = FEATURE_NAMES.indexOf('content_equal');
const SEMANTIC_CANDIDATES = 5;
const SEMANTIC_SCAN_CAP = 50_000;
/** The side of a candidate found without a question of its own (an embedding match of a doc with no title). */
const EMPTY_SIDE = new Int32Array(HEADER);

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
  private readonly units: QuestionUnits;
  private readonly questions: InvertedIndex;
  private readonly bodies: InvertedIndex;
  private readonly first: FirstStage;
  private readonly marks = new QueryMarks();
  private readonly featureRows: number[][] = [];
  private readonly alternativeTerms = new Map<string, string[]>();
  private readonly docs: IndexedDocs;
  private readonly synonyms: SynonymTable;
  private readonly general = new SynonymTable(GENERAL_SYNONYMS);
  private readonly feedback = new Map<string, Map<string, number>>();
  private weights: RerankWeights;
  private readonly dfOfQuestionTerm = (key: string) => this.questions.df(key);
  private readonly idf = {
    idfOfId: (id: number) => this.questions.idfOfId(id),
    maxIdf: () => this.questions.maxIdf(),
  };

  constructor(opts: SearchIndexOptions) {
    this.segmenter = createSegmenter(opts.userDictionary);
    this.units = new QuestionUnits(
      this.segmenter,
      [...(opts.synonyms ?? []), ...GENERAL_SYNONYMS],
      QUESTION_KIND_WEIGHTS.map((w) => w === 0),
    );
    this.questions = this.units.index;
    this.bodies = new InvertedIndex(this.units.terms);
    this.first = new FirstStage(this.questions, this.bodies);
    this.synonyms = new SynonymTable(opts.synonyms ?? []);
    this.weights = opts.weights ?? DEFAULT_WEIGHTS;
    this.docs = new IndexedDocs(this.segmenter, this.units, this.bodies, this.first);
  }

  get size(): number {
    return this.docs.size;
  }

  has(docId: string): boolean {
    return this.docs.get(docId) !== undefined;
  }

  get(docId: string): SearchDoc | undefined {
    return this.docs.get(docId)?.doc;
  }

  setSynonyms(sets: string[][]): void {
    this.synonyms.set(sets);
    this.units.setCanonical([...sets, ...GENERAL_SYNONYMS]);
  }

  setWeights(weights: RerankWeights): void {
    this.weights = weights;
  }

  /** The score that calibrates to EXACT_CONFIDENCE under the current weights, for this query's evidence. */
  private exactScore(evidence: number): number {
    const { a, b, c = 0 } = this.weights.calibration;
    const logit = Math.log(EXACT_CONFIDENCE / (1 - EXACT_CONFIDENCE));
    return a > 0 ? (logit - b - c * evidence) / a : Number.POSITIVE_INFINITY;
  }

  upsert(doc: SearchDoc): void {
    this.docs.upsert(doc);
  }

  remove(docId: string): boolean {
    return this.docs.remove(docId);
  }

  setVector(docId: string, vector: Float32Array | number[] | null): void {
    this.docs.setVector(docId, vector);
  }

  learnFromFeedback(query: string, docId: string, resolved: boolean): void {
    const entry = this.docs.get(docId);
    const norm = normalizeForSearch(query).trim();
    if (!entry || norm.length === 0) return;
    const byDoc = this.feedback.get(norm) ?? new Map<string, number>();
    byDoc.set(docId, (byDoc.get(docId) ?? 0) + (resolved ? 1 : -1));
    this.feedback.set(norm, byDoc);
    // a resolving question becomes one more phrasing of the doc
    if (resolved) this.docs.teach(entry, norm);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(1, Math.min(100, Math.floor(options.limit ?? 10)));
    const ranked = this.rank(query, options, Math.max(CANDIDATES, limit));
    if (!ranked) return [];
    const { a, expansions, scored, evidence } = ranked;
    return scored.slice(0, limit).map(({ idx, unit, score }) => {
      const entry = this.docs.entries[idx] as DocEntry;
      const explain = () => ({
        q: textSide(a.norm, a.atoms, a.words),
        questions: unit >= 0 ? [this.units.matched(unit)] : [],
        expansions,
      });
      return buildHit(entry.doc, explain, score, confidenceOf(this.weights, score, evidence));
    });
  }

  candidates(query: string, options: SearchOptions = {}): { docId: string; features: Float64Array }[] {
    const ranked = this.rank(query, options, CANDIDATES);
    if (!ranked) return [];
    return ranked.scored.map(({ idx, features }) => ({
      docId: (this.docs.entries[idx] as DocEntry).doc.id,
      features: Float64Array.from(features),
    }));
  }

  private rank(query: string, options: SearchOptions, k: number) {
    const a = analyze(query, this.segmenter);
    if (a.atoms.length === 0) return undefined;
    const { terms, expansions } = this.expand(a);
    const now = options.now ?? Date.now();
    const own: QueryTerm[] = [];
    for (const key of a.terms.keys()) own.push({ key, weight: 1 });
    const norms = this.first.norms(own);
    const source = this.docs.source;
    source.admits = (d) => {
      const entry = this.docs.entries[d];
      return entry !== undefined && passesFilters(entry.doc, options, now);
    };
    const top = this.first.run(own.concat(terms), own, source, k);
    if (options.queryVector && this.docs.vectors > 0) this.addSemanticCandidates(top, options, now);
    // candidates encoded under older synonyms are re-encoded before the query is marked (it may add terms)
    for (const { id } of top) {
      const unit = this.first.bestUnit[id] as number;
      if (unit >= 0) this.units.freshen(unit);
    }
    this.marks.prepare(this.units.encodeQuery(a), this.units.terms.size, this.units.sounds.size, this.idf);
    const feedback = this.feedback.get(a.norm);
    const best = top[0]?.score || 1;
    let evidence = 0;
    for (const { id } of top) evidence = Math.max(evidence, (this.first.best[id] as number) / norms.question);
    const exact = this.exactScore(evidence);
    const scored = top.map(({ id: idx, score: firstScore }, rank) => {
      const entry = this.docs.entries[idx] as DocEntry;
      const unit = this.first.bestUnit[idx] as number;
      const features = this.featureRow(rank);
      const fb = feedback?.get(entry.doc.id) ?? 0;
      const ctx = {
        firstStage: (this.first.best[idx] as number) / norms.question,
        body: (this.first.body[idx] as number) / norms.body,
        expansion: unit >= 0 ? this.expansionShare(unit, expansions) : 0,
        feedback: Math.tanh(fb / 2),
        relative: firstScore / best,
        rank,
      };
      const off = unit >= 0 ? this.units.arena.offset(unit) : -1;
      if (off >= 0) this.marks.features(this.units.arena.data, off, ctx, this.idf, features);
      else this.marks.features(EMPTY_SIDE, 0, ctx, this.idf, features);
      let score = rerankScore(this.weights, features);
      // The same question as one the knowledge base holds (after synonyms, particles and punctuation) is the best
      // evidence there is. Pair sets tend to teach the opposite — their near-duplicate distractors are labelled
      // wrong — so this is a rule, not a learned weight: such a hit scores at least what calibrates to EXACT_CONFIDENCE.
      if (features[CONTENT_EQUAL] === 1) score = Math.max(score, exact);
      if (options.queryVector && entry.vector) score += EMBEDDING_WEIGHT * cosine(options.queryVector, entry.vector);
      return { idx, unit, score, features };
    });
    this.first.clear(top);
    scored.sort((x, y) => y.score - x.score || x.idx - y.idx);
    return { a, expansions, scored, evidence };
  }

  /**
   * The feature vector of the candidate at `rank`, reused from search to search (callers that keep features copy
   * them, as candidates() does): a search scores a dozen candidates and should not leave a dozen arrays behind.
   */
  private featureRow(rank: number): number[] {
    let row = this.featureRows[rank];
    if (!row) {
      row = new Array(FEATURE_COUNT).fill(0.5); // doubles from the start: no elements-kind change later
      this.featureRows[rank] = row;
    }
    row.fill(0);
    return row;
  }

  /** Share of the query's expansions (synonym alternatives, learned words) the candidate question contains. */
  private expansionShare(unit: number, expansions: Expansion[]): number {
    if (expansions.length === 0) return 0;
    const norm = this.units.normOf(unit);
    let matched = 0;
    for (const e of expansions) {
      if (e.via === 'synonym' ? norm.includes(e.term) : this.units.hasTerm(unit, `w${e.term}`)) matched++;
    }
    return matched / expansions.length;
  }

  /**
   * Docs close to the query's embedding that share no term with it join the candidates (brute force: embeddings are
   * an option for knowledge bases of modest size; above the cap only lexical candidates are re-scored).
   */
  private addSemanticCandidates(top: Candidate[], options: SearchOptions, now: number): void {
    if (this.docs.vectors > SEMANTIC_SCAN_CAP) return;
    const query = options.queryVector as Float32Array | number[];
    const present = new Set(top.map((t) => t.id));
    const heap = new TopK(SEMANTIC_CANDIDATES);
    for (const entry of this.docs.entries) {
      if (!entry?.vector || present.has(entry.idx) || !passesFilters(entry.doc, options, now)) continue;
      heap.push(entry.idx, cosine(query, entry.vector));
    }
    for (const { id, score } of heap.sorted()) {
      if (score <= 0) continue;
      this.first.bestUnit[id] = this.docs.firstUnitOf(id);
      top.push({ id, score: 0 });
    }
  }

  private expand(a: Analysis): { terms: QueryTerm[]; expansions: Expansion[] } {
    return expandQuery(a, {
      synonyms: this.synonyms,
      general: this.general,
      homophones: this.units.homophones,
      associations: this.docs.associations,
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
}
