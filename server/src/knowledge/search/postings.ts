// An in-memory inverted index with BM25 per term kind. Units (one question, one body…) get dense integer ids;
// postings are growable typed arrays. Removal marks a unit dead and fixes document frequencies at once; dead entries
// are dropped from a posting list the next time a query walks it, so upserts stay O(terms) and never rebuild.
import { KINDS, kindOf } from './analyzer.ts';
import { TermTable } from './term-table.ts';

const K1 = 1.2;
const B = 0.75;

interface Posting {
  units: Int32Array;
  tfs: Uint16Array;
  /** entries used (live and dead) */
  n: number;
  /** live document frequency */
  df: number;
}

export interface QueryTerm {
  key: string;
  /** multiplier: 1 for the query's own terms, below 1 for expansions (synonyms, learned associations) */
  weight: number;
}

export class InvertedIndex {
  /** postings by term id (the shared term table numbers the keys) */
  private postings: (Posting | undefined)[] = [];
  private alive = new Uint8Array(1024);
  private lens: Float32Array[] = Array.from({ length: KINDS }, () => new Float32Array(1024));
  private totalLen = new Float64Array(KINDS);
  private count = 0;
  private live = 0;
  private touchedBuf = new Int32Array(4096);
  private readonly orderedTerms: QueryTerm[] = [];
  private readonly orderedPostings: Posting[] = [];

  /**
   * `onNewTerm` is called with each term the first time it enters the index (the homophone map listens). Terms of a
   * kind in `countedKinds` are counted (document frequency, idf: the re-ranker weighs them) but not posted: no
   * search walks them, so their posting lists would only cost index time and memory.
   */
  constructor(
    readonly terms: TermTable = new TermTable(),
    private readonly onNewTerm?: (key: string) => void,
    private readonly countedKinds: readonly boolean[] = [],
  ) {}

  private posting(key: string): Posting | undefined {
    const id = this.terms.lookup(key);
    return id < 0 ? undefined : this.postings[id];
  }

  get liveUnits(): number {
    return this.live;
  }

  /**
   * Adds a unit from term ids (`ids[i]` occurs `tfs[i]` times; ids distinct) and returns its id: callers number the
   * terms in the shared table, so no key string is built or hashed per term.
   */
  addIds(ids: readonly number[], tfs: readonly number[]): number {
    const id = this.count++;
    if (id >= this.alive.length) this.grow();
    this.alive[id] = 1;
    this.live++;
    for (let i = 0; i < ids.length; i++) {
      const termId = ids[i] as number;
      this.post(id, termId, this.terms.key(termId), tfs[i] as number);
    }
    return id;
  }

  /** Unit `id` holds term `termId` (`key`) `tf` times: its length, the term's posting list (grown by doubling), df. */
  private post(id: number, termId: number, key: string, tf: number): void {
    const kind = kindOf(key);
    const lens = this.lens[kind] as Float32Array;
    lens[id] = (lens[id] as number) + tf;
    this.totalLen[kind] = (this.totalLen[kind] as number) + tf;
    let p = this.postings[termId];
    if (!p) {
      p = this.countedKinds[kind] ? { units: NONE, tfs: NO_TFS, n: 0, df: 0 } : newPosting();
      // kept dense: the body index holds word ids only, and a write far past the end turned the array into a hash
      // table (dictionary elements) that every posting of the build and every body term of a search went through
      while (this.postings.length < termId) this.postings.push(undefined);
      this.postings[termId] = p;
      this.onNewTerm?.(key);
    }
    if (p.units === NONE) {
      p.df++;
      return;
    }
    if (p.n === p.units.length) {
      const units = new Int32Array(p.n * 2);
      units.set(p.units);
      const grown = new Uint16Array(p.n * 2);
      grown.set(p.tfs);
      p.units = units;
      p.tfs = grown;
    }
    p.units[p.n] = id;
    p.tfs[p.n] = Math.min(tf, 65535);
    p.n++;
    p.df++;
  }

  /** Marks a unit dead; `terms` must be the map it was added with. */
  remove(id: number, terms: Map<string, number>): void {
    if (id >= this.count || this.alive[id] !== 1) return;
    this.alive[id] = 0;
    this.live--;
    for (const [key, tf] of terms) {
      const kind = kindOf(key);
      this.totalLen[kind] = (this.totalLen[kind] as number) - tf;
      const termId = this.terms.lookup(key);
      const p = termId < 0 ? undefined : this.postings[termId];
      if (!p) continue;
      p.df--;
      if (p.df === 0) this.postings[termId] = undefined;
    }
  }

  isAlive(id: number): boolean {
    return this.alive[id] === 1;
  }

  df(key: string): number {
    return this.posting(key)?.df ?? 0;
  }

  /** idf by term id (the re-ranker's hot path: no string in sight). */
  idfOfId(id: number): number {
    return idfOf(this.live, id < 0 ? 0 : (this.postings[id]?.df ?? 0));
  }

  idf(key: string): number {
    return idfOf(this.live, this.df(key));
  }

  /** idf for a term absent from the index (the most specific a term can be). */
  maxIdf(): number {
    return idfOf(this.live, 0);
  }

  /**
   * BM25 summed over query terms (each kind weighted by `kindWeights`) into `scores`; returns the unit ids touched
   * and the terms it did not walk. Rare terms go first; once `budget` postings have been walked, the remaining
   * (common) terms are skipped: they cannot tell candidates apart and walking them costs the most. The caller adds
   * their exact contribution to the few candidates it keeps (termScore).
   */
  score(
    terms: QueryTerm[],
    kindWeights: readonly number[],
    scores: Float32Array,
    budget: number,
  ): { touched: Int32Array; count: number; skipped: QueryTerm[] } {
    let touched = this.touchedBuf;
    let count = 0;
    const skipped: QueryTerm[] = [];
    // the query's indexed terms, rarest first (a stable insertion sort into reused arrays: no objects per term)
    const orderedTerms = this.orderedTerms;
    const orderedPostings = this.orderedPostings;
    let n = 0;
    for (const t of terms) {
      // a term of a kind weighted 0 (bigrams, on questions) scores nothing: neither looked up nor sorted
      if (t.weight <= 0 || (kindWeights[kindOf(t.key)] as number) <= 0) continue;
      const p = this.posting(t.key);
      if (!p) continue;
      let i = n++;
      for (; i > 0 && (orderedPostings[i - 1] as Posting).df > p.df; i--) {
        orderedTerms[i] = orderedTerms[i - 1] as QueryTerm;
        orderedPostings[i] = orderedPostings[i - 1] as Posting;
      }
      orderedTerms[i] = t;
      orderedPostings[i] = p;
    }
    let walked = 0;
    for (let at = 0; at < n; at++) {
      const term = orderedTerms[at] as QueryTerm;
      const p = orderedPostings[at] as Posting;
      const kind = kindOf(term.key);
      const weight = term.weight * (kindWeights[kind] as number) * idfOf(this.live, p.df);
      if (weight <= 0) continue;
      if (p.units === NONE) throw new Error(`term kind ${kind} is counted, not posted: it cannot be searched`);
      if (walked > 0 && walked + p.df > budget) {
        skipped.push(term);
        continue;
      }
      walked += p.df;
      const lens = this.lens[kind] as Float32Array;
      const norm = (K1 * B) / this.avgLen(kind);
      const base = K1 * (1 - B);
      if (p.n > p.df) this.compact(p);
      const { units, tfs } = p;
      for (let i = 0; i < p.n; i++) {
        const u = units[i] as number;
        const tf = tfs[i] as number;
        const s = (weight * tf * (K1 + 1)) / (tf + base + norm * (lens[u] as number));
        if (scores[u] === 0) {
          if (count === touched.length) {
            const bigger = new Int32Array(touched.length * 2);
            bigger.set(touched);
            touched = bigger;
            this.touchedBuf = bigger;
          }
          touched[count++] = u;
        }
        scores[u] = (scores[u] as number) + s;
      }
    }
    orderedTerms.length = 0;
    orderedPostings.length = 0;
    return { touched, count, skipped };
  }

  /** The BM25 contribution of one term to one unit, given the term occurs there once (skipped-term top-up). */
  termScore(term: QueryTerm, kindWeights: readonly number[], unit: number): number {
    const df = this.df(term.key);
    if (df === 0) return 0;
    const kind = kindOf(term.key);
    const len = (this.lens[kind] as Float32Array)[unit] as number;
    const weight = term.weight * (kindWeights[kind] as number) * idfOf(this.live, df);
    return (weight * (K1 + 1)) / (1 + K1 * (1 - B) + (K1 * B * len) / this.avgLen(kind));
  }

  private avgLen(kind: number): number {
    return Math.max(1, (this.totalLen[kind] as number) / Math.max(1, this.live));
  }

  /** A scores buffer big enough for every unit id. */
  buffer(existing?: Float32Array): Float32Array {
    if (existing && existing.length >= this.count) return existing;
    return new Float32Array(Math.max(1024, this.alive.length));
  }

  private compact(p: Posting): void {
    let w = 0;
    for (let i = 0; i < p.n; i++) {
      const u = p.units[i] as number;
      if (this.alive[u] !== 1) continue;
      p.units[w] = u;
      p.tfs[w] = p.tfs[i] as number;
      w++;
    }
    p.n = w;
  }

  private grow(): void {
    const size = this.alive.length * 2;
    const alive = new Uint8Array(size);
    alive.set(this.alive);
    this.alive = alive;
    this.lens = this.lens.map((old) => {
      const next = new Float32Array(size);
      next.set(old);
      return next;
    });
  }
}

/** The posting list of a counted-only term (its df is kept, its units are not). */
const NONE = new Int32Array(0);
const NO_TFS = new Uint16Array(0);

function newPosting(): Posting {
  return { units: new Int32Array(2), tfs: new Uint16Array(2), n: 0, df: 0 };
}

export function idfOf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
