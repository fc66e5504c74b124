// The first stage of a search: BM25 over the questions (every kind of term) and over the bodies (words), folded per
// document — its best question plus a share of its body — filtered, best k kept. Per-document scratch arrays are
// allocated once and cleared after each search, so a search that touches tens of thousands of documents leaves no
// garbage behind.
import { kindOf } from './analyzer.ts';
import type { InvertedIndex, QueryTerm } from './postings.ts';
import { TopK } from './top-k.ts';

/**
 * First-stage weight of each term kind (word, char, bigram, pinyin) on questions and on bodies. BM25 over jieba
 * search-mode words plus single characters, equally weighted; character bigrams are left to the re-ranker (its
 * bigram-cover features) and homophone typos reach the first stage as the characters they replace
 * (query-expansion.ts). Checked on the project's corpus (first stage alone, all 2,190 paraphrases): the former
 * [1, 0.35, 0.7, 0.25] had top1 60.5%, these 63.6%; with 23,549 general-domain distractor questions added to the
 * knowledge base 42.9% against 47.3% (plain BM25 over jieba words and characters: 46.3%). Specific bigrams reward
 * the near-duplicate that shares a phrase with the query over the paraphrase that shares its words.
 */
export const QUESTION_KIND_WEIGHTS: readonly number[] = [1, 1, 0, 0];
export const BODY_KIND_WEIGHTS = [1, 0, 0, 0];
const BODY_WEIGHT = 0.3;
/**
 * Postings walked per query before common terms are skipped (bounds latency on large knowledge bases): the skipped
 * terms still count for the candidates kept. 3,000 / 1,500 instead of 8,000 / 4,000: search CPU mean -28% on the
 * 100,000-article bench; first stage alone on the corpus with 23,549 general-domain distractors (24,391 entries)
 * top1 47.03% against 46.67%, recall@5 70.96% against 71.55% (within noise).
 */
const QUESTION_BUDGET = 3_000;
const BODY_BUDGET = 1_500;
/** Units scoring below this share of the best unit are not considered for the candidate list. */
const UNIT_FLOOR = 0.3;

export interface Candidate {
  /** document index */
  id: number;
  score: number;
}

/** What the first stage needs to know about documents and units (kept by the index). */
export interface DocSource {
  unitDoc: Int32Array;
  bodyUnitDoc: Int32Array;
  /** each doc's title unit (a doc found by its body alone is compared through its title) */
  docFirstUnit: Int32Array;
  /** whether a document may be returned (filters, effective dates) */
  admits(doc: number): boolean;
  /** whether a question unit holds an index term (for the common terms skipped while walking postings) */
  unitHasTerm(unit: number, key: string): boolean;
}

export class FirstStage {
  private bufQ: Float32Array = new Float32Array(1024);
  private bufB: Float32Array = new Float32Array(1024);
  /** per document: best question score, which question, body score, touched flag */
  best: Float32Array = new Float32Array(1024);
  bestUnit: Int32Array = new Int32Array(1024).fill(-1);
  body: Float32Array = new Float32Array(1024);
  private touched: Uint8Array = new Uint8Array(1024);
  private touchedDocs: Int32Array = new Int32Array(1024);
  private readonly heaps = new Map<number, TopK>();

  constructor(
    private readonly questions: InvertedIndex,
    private readonly bodies: InvertedIndex,
  ) {}

  ensureDocs(n: number): void {
    if (n <= this.best.length) return;
    const size = Math.max(n, this.best.length * 2);
    const best = new Float32Array(size);
    best.set(this.best);
    this.best = best;
    const body = new Float32Array(size);
    body.set(this.body);
    this.body = body;
    const bestUnit = new Int32Array(size).fill(-1);
    bestUnit.set(this.bestUnit);
    this.bestUnit = bestUnit;
    const touched = new Uint8Array(size);
    touched.set(this.touched);
    this.touched = touched;
  }

  /** The query's own best possible question and body scores (to normalize first-stage scores into features). */
  norms(own: QueryTerm[]): { question: number; body: number } {
    let question = 0;
    let body = 0;
    for (const t of own) {
      const kind = kindOf(t.key);
      const wq = QUESTION_KIND_WEIGHTS[kind] as number;
      const wb = BODY_KIND_WEIGHTS[kind] as number;
      // a kind weighted 0 adds nothing: its idf is not looked up (a third of a query's terms are bigrams)
      if (wq > 0) question += wq * this.questions.idf(t.key);
      if (wb > 0) body += wb * this.bodies.idf(t.key);
    }
    return { question: question || 1, body: body || 1 };
  }

  /** The best k documents; their best/bestUnit/body entries stay set until `clear(top)`. */
  run(terms: QueryTerm[], own: QueryTerm[], src: DocSource, k: number): Candidate[] {
    this.bufQ = this.questions.buffer(this.bufQ);
    this.bufB = this.bodies.buffer(this.bufB);
    const q = this.questions.score(terms, QUESTION_KIND_WEIGHTS, this.bufQ, QUESTION_BUDGET);
    const bodyTerms = own.filter((t) => (BODY_KIND_WEIGHTS[kindOf(t.key)] as number) > 0);
    const b = this.bodies.score(bodyTerms, BODY_KIND_WEIGHTS, this.bufB, BODY_BUDGET);
    const { bufQ, bufB, touched, best, bestUnit, body } = this;
    const unitDoc = src.unitDoc;
    const bodyUnitDoc = src.bodyUnitDoc;
    // every document a unit of either index reaches is listed once in touchedDocs (sized for all of them up front)
    if (this.touchedDocs.length < q.count + b.count)
      this.touchedDocs = new Int32Array(Math.max(q.count + b.count, 2 * this.touchedDocs.length));
    const docs = this.touchedDocs;
    let nTouched = 0;
    let floor = 0;
    for (let i = 0; i < q.count; i++) floor = Math.max(floor, bufQ[q.touched[i] as number] as number);
    floor *= UNIT_FLOOR;
    for (let i = 0; i < q.count; i++) {
      const u = q.touched[i] as number;
      const s = bufQ[u] as number;
      bufQ[u] = 0;
      if (s < floor || !this.questions.isAlive(u)) continue;
      const d = unitDoc[u] as number;
      if (touched[d] === 0) {
        touched[d] = 1;
        docs[nTouched++] = d;
      }
      if (s > (best[d] as number) || bestUnit[d] === -1) {
        best[d] = s;
        bestUnit[d] = u;
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
      if (touched[d] === 0) {
        touched[d] = 1;
        docs[nTouched++] = d;
      }
      if (bestUnit[d] === -1) bestUnit[d] = src.docFirstUnit[d] as number;
      body[d] = s;
    }
    let heap = this.heaps.get(k);
    if (!heap) {
      heap = new TopK(k);
      this.heaps.set(k, heap);
    }
    heap.reset();
    // the threshold is read after a push only (a getter call per document boxed a double each time)
    let threshold = heap.threshold;
    for (let i = 0; i < nTouched; i++) {
      const d = docs[i] as number;
      const score = (best[d] as number) + BODY_WEIGHT * (body[d] as number);
      if (score > threshold && src.admits(d)) {
        heap.push(d, score);
        threshold = heap.threshold;
      }
    }
    const top = heap.sorted();
    for (const t of top) touched[t.id] = 2; // kept
    for (let i = 0; i < nTouched; i++) {
      const d = docs[i] as number;
      if (touched[d] === 2) continue;
      touched[d] = 0;
      best[d] = 0;
      body[d] = 0;
      bestUnit[d] = -1;
    }
    for (const t of top) touched[t.id] = 0;
    // the common terms skipped while walking postings still count for the candidates kept
    if (q.skipped.length > 0) {
      for (const t of top) {
        const unit = bestUnit[t.id] as number;
        if (unit < 0) continue;
        for (const term of q.skipped) {
          if (src.unitHasTerm(unit, term.key))
            best[t.id] = (best[t.id] as number) + this.questions.termScore(term, QUESTION_KIND_WEIGHTS, unit);
        }
        t.score = (best[t.id] as number) + BODY_WEIGHT * (body[t.id] as number);
      }
      top.sort((x, y) => y.score - x.score || x.id - y.id);
    }
    return top;
  }

  /** Clears what `run` left set for the candidates it returned. */
  clear(top: readonly Candidate[]): void {
    for (const { id } of top) {
      this.best[id] = 0;
      this.body[id] = 0;
      this.bestUnit[id] = -1;
    }
  }
}
