// The knowledge base's questions (titles, similar questions, questions feedback taught), each a "unit": its
// postings in the question index, its integer-encoded side for the re-ranker (side-encoding.ts, side-arena.ts), its
// document, field and text. Units enter the postings by term id straight from their encoded record, so indexing
// builds no key strings. Synonym changes re-encode a unit lazily, the next time it is a candidate.
import { type Analysis, analyze, atomize, isHanChar } from './analyzer.ts';
import type { MatchedQuestion } from './hit.ts';
import { HomophoneMap } from './homophones.ts';
import type { Segmenter } from './nlu-adapter.ts';
import { InvertedIndex } from './postings.ts';
import { SideArena } from './side-arena.ts';
import {
  encodeSide,
  InterningResolver,
  LookupResolver,
  listStart,
  N_ATOMS,
  N_BIGRAMS,
  N_WORDS,
} from './side-encoding.ts';
import { Canonicalizer } from './synonyms.ts';
import { TermTable } from './term-table.ts';
import { textSide } from './text-side.ts';

export type Field = MatchedQuestion['field'];
const FIELDS: Field[] = ['title', 'alternate', 'learned'];

export class QuestionUnits {
  readonly terms = new TermTable();
  readonly sounds = new TermTable();
  readonly homophones = new HomophoneMap();
  readonly index: InvertedIndex;
  readonly arena = new SideArena();
  private readonly interning = new InterningResolver(this.terms, this.sounds);
  private readonly canonicalizer = new Canonicalizer();
  /** bumped when synonyms change: encoded sides of an older version are re-encoded when next compared */
  private version = 0;
  /** per unit: its document, field, text and normalized text */
  unitDoc: Int32Array = new Int32Array(1024);
  private unitField: Uint8Array = new Uint8Array(1024);
  private readonly text: (string | undefined)[] = [];
  private readonly norm: (string | undefined)[] = [];

  /** `countedKinds`: term kinds the first stage never walks (counted for idf, not posted; postings.ts). */
  constructor(
    private readonly segmenter: Segmenter,
    canonicalSets: string[][],
    countedKinds: readonly boolean[] = [],
  ) {
    this.index = new InvertedIndex(this.terms, (key) => this.homophones.addKey(key), countedKinds);
    this.canonicalizer.set(canonicalSets);
  }

  /** New synonym sets: canonical forms change, every side is re-encoded when next compared. */
  setCanonical(sets: string[][]): void {
    this.canonicalizer.set(sets);
    this.version++;
  }

  /** Adds a question of document `doc`; returns its unit id and words, or undefined when it has no atoms. */
  add(doc: number, field: Field, text: string): { unit: number; words: string[] } | undefined {
    const a = analyze(text, this.segmenter, { full: true, keys: false });
    if (a.atoms.length === 0) return undefined;
    const rec = this.encode(a, this.interning);
    const { ids, tfs } = this.indexTerms(a, rec);
    const unit = this.index.addIds(ids, tfs);
    if (unit >= this.unitDoc.length) {
      const docs = new Int32Array(Math.max(unit + 1, this.unitDoc.length * 2));
      docs.set(this.unitDoc);
      this.unitDoc = docs;
      const fields = new Uint8Array(docs.length);
      fields.set(this.unitField);
      this.unitField = fields;
    }
    this.unitDoc[unit] = doc;
    this.unitField[unit] = FIELDS.indexOf(field);
    this.text[unit] = text;
    this.norm[unit] = a.norm === text ? text : a.norm;
    this.arena.set(unit, rec);
    return { unit, words: a.words };
  }

  remove(unit: number): void {
    this.index.remove(unit, analyze(this.text[unit] as string, this.segmenter).terms);
    this.text[unit] = undefined;
    this.norm[unit] = undefined;
    this.arena.delete(unit);
  }

  /** The id of a word term (bodies are indexed by word id too). */
  wordId(word: string): number {
    return this.interning.word(word);
  }

  normOf(unit: number): string {
    return this.norm[unit] as string;
  }

  /** Re-encodes the unit if synonyms changed since it was encoded (before a query is marked: it may add terms). */
  freshen(unit: number): void {
    if (this.arena.version(unit) === this.version) return;
    this.arena.set(unit, this.encode(analyze(this.text[unit] as string, this.segmenter), this.interning));
  }

  /** The query's record: known terms by id, the query's own new terms by query-local negative ids. */
  encodeQuery(a: Analysis): number[] {
    return this.encode(a, new LookupResolver(this.terms, this.sounds));
  }

  /** The matched question of a hit, with its string side (for the hit's explanation only). */
  matched(unit: number): MatchedQuestion {
    const text = this.text[unit] as string;
    const a = analyze(text, this.segmenter);
    const field = FIELDS[this.unitField[unit] as number] as Field;
    return { field, text, side: textSide(a.norm, a.atoms, a.words), learnedUnit: field === 'learned' };
  }

  /** Whether a unit holds an index term (key = kind prefix + text, as analyzer.ts builds them). */
  hasTerm(unit: number, key: string): boolean {
    const id = this.terms.lookup(key);
    const off = this.arena.offset(unit);
    if (id < 0 || off < 0) return false;
    const data = this.arena.data;
    let list: number;
    switch (key.charCodeAt(0)) {
      case 119: // w
        list = N_WORDS;
        break;
      case 99: // c
        list = N_ATOMS;
        break;
      case 98: // b
        list = N_BIGRAMS;
        break;
      default:
        return false; // pinyin bigrams are never index terms
    }
    const at = listStart(data, off, list);
    const n = data[off + list] as number;
    for (let i = 0; i < n; i++) if (data[at + i] === id) return true;
    return false;
  }

  private encode(a: Analysis, resolver: InterningResolver | LookupResolver): number[] {
    const canonical = this.canonicalizer.apply(a.norm);
    const atoms = canonical === a.norm ? a.atoms : atomize(canonical).atoms;
    return encodeSide({ norm: a.norm, atoms: a.atoms, words: a.words, canonical: atoms }, resolver, this.version);
  }

  /**
   * A question's index terms by id, from its encoded record — the same terms analyze() would key (words, Han
   * characters, bigrams of atoms not separated by punctuation), without building their key strings.
   */
  private indexTerms(a: Analysis, rec: number[]): { ids: number[]; tfs: number[] } {
    const ids: number[] = [];
    const tfs: number[] = [];
    const count = (id: number) => {
      const at = ids.indexOf(id);
      if (at >= 0) tfs[at] = (tfs[at] as number) + 1;
      else {
        ids.push(id);
        tfs.push(1);
      }
    };
    const atomsAt = listStart(rec, 0, N_ATOMS);
    for (let i = 0; i < a.atoms.length; i++) {
      const atom = a.atoms[i] as string;
      const atomId = rec[atomsAt + i] as number;
      if (isHanChar(atom)) count(this.terms.key(atomId).charCodeAt(0) === 99 ? atomId : this.terms.intern(`c${atom}`));
      if (i > 0 && !a.breaks[i])
        count(this.interning.bigram(a.atoms[i - 1] as string, atom, rec[atomsAt + i - 1] as number, atomId));
    }
    const wordsAt = listStart(rec, 0, N_WORDS);
    const words = rec[N_WORDS] as number;
    for (let i = 0; i < words; i++) {
      ids.push(rec[wordsAt + i] as number);
      tfs.push(1);
    }
    return { ids, tfs };
  }
}
