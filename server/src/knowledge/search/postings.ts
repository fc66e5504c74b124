// An in-memory inverted index with BM25 per term kind. Units (one question, one body…) get dense integer ids;
// postings are growable typed arrays. Removal marks a unit dead and fixes document frequencies at once; dead entries
// are dropped from a posting list the next time a query walks it, so upserts stay O(terms) and never rebuild.
// Per term id there are two integers (document frequency, entries used) in typed arrays and, for posted kinds, one
// Int32Array of unit and term-frequency pairs: no object per term (a knowledge base of product codes has 300,000).
import { KINDS, kindOf } from './analyzer.ts';
import { TermTable } from './term-table.ts';

const K1 = 1.2;
const B = 0.75;

export interface QueryTerm {
  key: string;
  /** multiplier: 1 for the query's own terms, below 1 for expansions (synonyms, learned associations) */
  weight: number;
}

export class InvertedIndex {
  /** by term id (the shared term table numbers the keys): live document frequency, and entries used (live and dead) */
  private dfs = new Int32Array(1024);
  private ns = new Int32Array(1024);
  /** by term id, posted kinds only: unit, tf, unit, tf… (dropped when the term's df falls to 0) */
  private lists: (Int32Array | undefined)[] = [];
  private alive = new Uint8Array(1024);
  private lens: Float32Array[] = Array.from({ length: KINDS }, () => new Float32Array(1024));
  private totalLen = new Float64Array(KINDS);
  private count = 0;
  private live = 0;
  private touchedBuf = new Int32Array(4096);
  private readonly orderedTerms: QueryTerm[] = [];
  private readonly orderedIds: number[] = [];
  private readonly orderedDfs: number[] = [];

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

  private dfOf(termId: number): number {
    return termId < 0 || termId >= this.dfs.length ? 0 : (this.dfs[termId] as number);
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
    if (termId >= this.dfs.length) this.growTerms(termId + 1);
    const df = this.dfs[termId] as number;
    if (df === 0) this.onNewTerm?.(key);
    this.dfs[termId] = df + 1;
    if (this.countedKinds[kind]) return;
    const n = this.ns[termId] as number;
    let list = this.lists[termId];
    if (!list) {
      // kept dense: the body index holds word ids only, and a write far past the end of the array turned it into a
      // hash table (dictionary elements) that every posting of a build and every body term of a search went through
      while (this.lists.length < termId) this.lists.push(undefined);
      list = new Int32Array(4);
      this.lists[termId] = list;
    } else if (2 * n === list.length) {
      const grown = new Int32Array(list.length * 2);
      grown.set(list);
      list = grown;
      this.lists[termId] = list;
    }
    list[2 * n] = id;
    list[2 * n + 1] = Math.min(tf, 65535);
    this.ns[termId] = n + 1;
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
      const df = this.dfOf(termId);
      if (df === 0) continue;
      this.dfs[termId] = df - 1;
      if (df === 1) {
        this.lists[termId] = undefined;
        this.ns[termId] = 0;
      }
    }
  }

  isAlive(id: number): boolean {
    return this.alive[id] === 1;
  }

  df(key: string): number {
    return this.dfOf(this.terms.lookup(key));
  }

  /** How many times unit `unit` holds term `key` as posted (0 if it does not, or the kind is counted, not posted). */
  tf(key: string, unit: number): number {
    const termId = this.terms.lookup(key);
    const list = termId < 0 ? undefined : this.lists[termId];
    if (!list) return 0;
    const n = this.ns[termId] as number;
    for (let i = 0; i < 2 * n; i += 2) if (list[i] === unit) return list[i + 1] as number;
    return 0;
  }

  /** idf by term id (the re-ranker's hot path: no string in sight). */
  idfOfId(id: number): number {
    return idfOf(this.live, this.dfOf(id));
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
    const orderedIds = this.orderedIds;
    const orderedDfs = this.orderedDfs;
    let n = 0;
    for (const t of terms) {
      // a term of a kind weighted 0 (bigrams, on questions) scores nothing: neither looked up nor sorted
      if (t.weight <= 0 || (kindWeights[kindOf(t.key)] as number) <= 0) continue;
      const id = this.terms.lookup(t.key);
      const df = this.dfOf(id);
      if (df === 0) continue;
      let i = n++;
      for (; i > 0 && (orderedDfs[i - 1] as number) > df; i--) {
        orderedTerms[i] = orderedTerms[i - 1] as QueryTerm;
        orderedIds[i] = orderedIds[i - 1] as number;
        orderedDfs[i] = orderedDfs[i - 1] as number;
      }
      orderedTerms[i] = t;
      orderedIds[i] = id;
      orderedDfs[i] = df;
    }
    let walked = 0;
    for (let at = 0; at < n; at++) {
      const term = orderedTerms[at] as QueryTerm;
      const termId = orderedIds[at] as number;
      const df = orderedDfs[at] as number;
      const kind = kindOf(term.key);
      const weight = term.weight * (kindWeights[kind] as number) * idfOf(this.live, df);
      if (weight <= 0) continue;
      if (this.countedKinds[kind]) throw new Error(`term kind ${kind} is counted, not posted: it cannot be searched`);
      if (walked > 0 && walked + df > budget) {
        skipped.push(term);
        continue;
      }
      walked += df;
      const lens = this.lens[kind] as Float32Array;
      const norm = (K1 * B) / this.avgLen(kind);
      const base = K1 * (1 - B);
      const used = (this.ns[termId] as number) > df ? this.compact(termId) : (this.ns[termId] as number);
      const list = this.lists[termId] as Int32Array;
      for (let i = 0; i < 2 * used; i += 2) {
        const u = list[i] as number;
        const tf = list[i + 1] as number;
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
    orderedIds.length = 0;
    orderedDfs.length = 0;
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

  /** Drops the dead entries of a term's posting list; returns the entries left. */
  private compact(termId: number): number {
    const list = this.lists[termId] as Int32Array;
    const n = this.ns[termId] as number;
    let w = 0;
    for (let i = 0; i < n; i++) {
      const u = list[2 * i] as number;
      if (this.alive[u] !== 1) continue;
      list[2 * w] = u;
      list[2 * w + 1] = list[2 * i + 1] as number;
      w++;
    }
    this.ns[termId] = w;
    return w;
  }

  private growTerms(n: number): void {
    const size = Math.max(n, this.dfs.length * 2);
    const dfs = new Int32Array(size);
    dfs.set(this.dfs);
    this.dfs = dfs;
    const ns = new Int32Array(size);
    ns.set(this.ns);
    this.ns = ns;
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

export function idfOf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
