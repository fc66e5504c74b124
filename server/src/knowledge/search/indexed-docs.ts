// The documents a search index holds and what each put into it: its question units (title, similar questions,
// questions feedback taught), its body's postings, the word associations its similar questions taught, its embedding.
// Adding, replacing and removing a document happen here; answering a query is search-index.ts's job.
import { analyze } from './analyzer.ts';
import { normalizeVector } from './embedding-math.ts';
import type { DocSource, FirstStage } from './first-stage.ts';
import { WordAssociations } from './learned.ts';
import type { Segmenter } from './nlu-adapter.ts';
import type { InvertedIndex } from './postings.ts';
import { compactPairs, expandPairs, type LearnedPairs, type WordIds } from './question-associations.ts';
import type { Field, QuestionUnits } from './question-units.ts';
import type { SearchDoc } from './types.ts';

const MAX_LEARNED_QUERIES = 20;
/** Shared by every document feedback taught nothing (nearly all): frozen, a lesson replaces it with a new array. */
const NO_LEARNED_QUERIES: readonly string[] = Object.freeze([]);

export interface DocEntry {
  doc: SearchDoc;
  idx: number;
  /**
   * its question units: `nUnits` consecutive ids from `firstUnit` (an upsert adds them one after another), kept as two
   * numbers rather than an array per document (an array grown by push holds 17 slots: ~180 bytes a document)
   */
  firstUnit: number;
  nUnits: number;
  bodyUnit: number;
  /** questions feedback taught it, oldest first; replaced, never changed in place (documents share the empty one) */
  learnedQueries: readonly string[];
  /** what its similar questions taught the word associations (question-associations.ts) */
  associations: LearnedPairs[] | undefined;
  vector: Float32Array | null;
}

export class IndexedDocs {
  /** by document number (`idx`, never reused: a removed document leaves a hole) */
  readonly entries: (DocEntry | undefined)[] = [];
  private readonly byId = new Map<string, DocEntry>();
  /** what the word associations learned from every document's similar questions */
  readonly associations = new WordAssociations();
  /** the documents as the first stage walks them (`admits` is set per query by the caller) */
  readonly source: DocSource;
  /** how many documents have an embedding */
  vectors = 0;
  private bodyUnitDoc: Int32Array = new Int32Array(1024);
  private docFirstUnit: Int32Array = new Int32Array(1024).fill(-1);
  /** words as their word-term ids (learned pairs are kept as ids) */
  private readonly wordIds: WordIds;

  constructor(
    private readonly segmenter: Segmenter,
    private readonly units: QuestionUnits,
    private readonly bodies: InvertedIndex,
    private readonly first: FirstStage,
  ) {
    this.wordIds = {
      id: (word) => units.wordId(word),
      word: (id) => units.terms.key(id).slice(1),
    };
    this.source = {
      get unitDoc() {
        return units.unitDoc;
      },
      bodyUnitDoc: this.bodyUnitDoc,
      docFirstUnit: this.docFirstUnit,
      admits: (_d: number) => true,
      unitHasTerm: (unit: number, key: string) => units.hasTerm(unit, key),
    };
  }

  get size(): number {
    return this.byId.size;
  }

  get(docId: string): DocEntry | undefined {
    return this.byId.get(docId);
  }

  /** The title unit of document number `idx` (-1 if it has no question). */
  firstUnitOf(idx: number): number {
    return this.docFirstUnit[idx] as number;
  }

  /** Indexes `doc`, replacing the document of the same id; what feedback taught it and its embedding stay. */
  upsert(doc: SearchDoc): void {
    const previous = this.byId.get(doc.id);
    const learnedQueries = previous?.learnedQueries ?? NO_LEARNED_QUERIES;
    const vector = previous?.vector ?? null;
    if (previous) this.remove(doc.id);
    const idx = this.entries.length;
    const entry: DocEntry = {
      doc,
      idx,
      firstUnit: -1,
      nUnits: 0,
      bodyUnit: -1,
      learnedQueries,
      associations: undefined,
      vector,
    };
    this.entries.push(entry);
    this.byId.set(doc.id, entry);
    if (vector) this.vectors++;
    this.first.ensureDocs(idx + 1);
    if (idx >= this.docFirstUnit.length) {
      this.docFirstUnit = growInt(this.docFirstUnit, idx + 1, -1);
      this.source.docFirstUnit = this.docFirstUnit;
    }
    const titleWords = this.addQuestion(entry, 'title', doc.title);
    for (const alt of doc.alternates) {
      const words = this.addQuestion(entry, 'alternate', alt);
      if (!titleWords || !words) continue;
      const added = this.associations.learn(titleWords, words);
      if (added.length === 0) continue;
      const kept = compactPairs(added, this.wordIds);
      if (entry.associations) entry.associations.push(kept);
      else entry.associations = [kept];
    }
    for (const q of learnedQueries) this.addQuestion(entry, 'learned', q);
    this.docFirstUnit[idx] = entry.firstUnit;
    if (doc.body.trim().length > 0) {
      // a body's terms are its distinct words, once each: added by id, without building their key strings
      const a = analyze(doc.body, this.segmenter, { full: false, keys: false });
      const ids = a.words.map((w) => this.units.wordId(w));
      entry.bodyUnit = this.bodies.addIds(
        ids,
        ids.map(() => 1),
      );
      if (entry.bodyUnit >= this.bodyUnitDoc.length) {
        this.bodyUnitDoc = growInt(this.bodyUnitDoc, entry.bodyUnit + 1, 0);
        this.source.bodyUnitDoc = this.bodyUnitDoc;
      }
      this.bodyUnitDoc[entry.bodyUnit] = idx;
    }
  }

  remove(docId: string): boolean {
    const entry = this.byId.get(docId);
    if (!entry) return false;
    for (let u = entry.firstUnit; u < entry.firstUnit + entry.nUnits; u++) this.units.remove(u);
    if (entry.bodyUnit >= 0)
      this.bodies.remove(entry.bodyUnit, analyze(entry.doc.body, this.segmenter, { full: false }).terms);
    for (const kept of entry.associations ?? []) this.associations.unlearn(expandPairs(kept, this.wordIds));
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

  /** `norm` becomes one more phrasing of the document (bounded, oldest forgotten first), unless it already is one. */
  teach(entry: DocEntry, norm: string): void {
    if (entry.learnedQueries.includes(norm)) return;
    entry.learnedQueries = [...entry.learnedQueries, norm].slice(-MAX_LEARNED_QUERIES);
    this.upsert(entry.doc);
  }

  private addQuestion(entry: DocEntry, field: Field, text: string): string[] | undefined {
    const added = this.units.add(entry.idx, field, text);
    if (!added) return undefined;
    if (entry.nUnits === 0) entry.firstUnit = added.unit;
    else if (added.unit !== entry.firstUnit + entry.nUnits)
      throw new Error('question units of a document must be consecutive');
    entry.nUnits++;
    return added.words;
  }
}

function growInt(a: Int32Array, n: number, fill: number): Int32Array {
  const next = new Int32Array(Math.max(n, a.length * 2));
  if (fill !== 0) next.fill(fill);
  next.set(a);
  return next;
}
