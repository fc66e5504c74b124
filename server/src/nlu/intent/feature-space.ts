// The vocabulary of one model: the hashed features seen in training, their IDF and which block they belong to.
// Vectors are sublinear TF-IDF, L2-normalized per block, with the blocks weighted so the whole vector has norm 1.
import type { RawFeatures } from './features.ts';

export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

export const WORD_BLOCK = 0;
export const CHAR_BLOCK = 1;

export class FeatureSpace {
  /** Open-addressing table: slot → feature index + 1 (0 = empty). Builds in ~1 ms for 100k features. */
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(
    /** hash of each feature, by feature index */
    readonly keys: Uint32Array,
    readonly idf: Float32Array,
    /** WORD_BLOCK or CHAR_BLOCK, by feature index */
    readonly block: Uint8Array,
    /** share of the squared norm given to the word block (the char block gets the rest) */
    readonly wordWeight: number,
    /**
     * IDF given to features never seen in training. They have no weight, but they count in the vector's norm:
     * a message that is mostly unknown words carries proportionally less evidence for any intent, which is what
     * lets an unseen topic fall under the out-of-scope threshold. 0 ignores unknown features.
     */
    readonly unknownIdf = 0,
  ) {
    let size = 16;
    while (size < keys.length * 2) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    for (let i = 0; i < keys.length; i++) {
      let slot = Math.imul(keys[i]!, 0x9e3779b1) & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = i + 1;
    }
  }

  /** Feature index of a hash, or -1 when it was not seen in training. */
  indexOf(hash: number): number {
    let slot = Math.imul(hash, 0x9e3779b1) & this.mask;
    for (;;) {
      const entry = this.table[slot]!;
      if (entry === 0) return -1;
      if (this.keys[entry - 1] === hash) return entry - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  get size(): number {
    return this.keys.length;
  }

  vectorize(raw: RawFeatures): SparseVector {
    const words = this.lookup(raw.words);
    const chars = this.lookup(raw.chars);
    const w = weighBlock(words.known, this.idf, words.unknownMass * this.unknownIdf * this.unknownIdf);
    const c = weighBlock(chars.known, this.idf, chars.unknownMass * this.unknownIdf * this.unknownIdf);
    // a block is present when the message has any feature of its kind (known or, when counted, unknown)
    const hasWords = this.unknownIdf > 0 ? raw.words.length > 0 : w.idx.length > 0;
    const hasChars = this.unknownIdf > 0 ? raw.chars.length > 0 : c.idx.length > 0;
    const wScale = !hasChars ? 1 : !hasWords ? 0 : Math.sqrt(this.wordWeight);
    const cScale = !hasWords ? 1 : Math.sqrt(1 - this.wordWeight);
    const n = w.idx.length + c.idx.length;
    const idx = new Int32Array(n);
    const val = new Float32Array(n);
    idx.set(w.idx, 0);
    idx.set(c.idx, w.idx.length);
    for (let i = 0; i < w.val.length; i++) val[i] = w.val[i]! * wScale;
    for (let i = 0; i < c.val.length; i++) val[w.idx.length + i] = c.val[i]! * cScale;
    return { idx, val };
  }

  /** Known feature indices (repeated per occurrence), and Σ (1 + ln tf)² over the unknown features. */
  private lookup(hashes: number[]): { known: number[]; unknownMass: number } {
    const known: number[] = [];
    const unknown: number[] = [];
    for (const h of hashes) {
      const i = this.indexOf(h);
      if (i >= 0) known.push(i);
      else if (this.unknownIdf > 0) unknown.push(h);
    }
    let unknownMass = 0;
    if (unknown.length > 0) {
      unknown.sort((a, b) => a - b);
      for (let i = 0; i < unknown.length; ) {
        let tf = 0;
        const h = unknown[i];
        while (i < unknown.length && unknown[i] === h) {
          tf++;
          i++;
        }
        unknownMass += (1 + Math.log(tf)) ** 2;
      }
    }
    return { known, unknownMass };
  }
}

/**
 * Sublinear TF × IDF, L2-normalized. `indices` may repeat; repeats are the term frequency. `hiddenNorm` is the
 * squared norm of features left out of the vector (unknown ones) but counted in its length.
 */
function weighBlock(indices: number[], idf: Float32Array, hiddenNorm: number): SparseVector {
  if (indices.length === 0) return { idx: new Int32Array(0), val: new Float32Array(0) };
  indices.sort((a, b) => a - b);
  const idx: number[] = [];
  const val: number[] = [];
  let norm = hiddenNorm;
  for (let i = 0; i < indices.length; ) {
    const f = indices[i]!;
    let tf = 0;
    while (i < indices.length && indices[i] === f) {
      tf++;
      i++;
    }
    const v = (1 + Math.log(tf)) * idf[f]!;
    idx.push(f);
    val.push(v);
    norm += v * v;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const out = new Float32Array(val.length);
  for (let i = 0; i < val.length; i++) out[i] = val[i]! * inv;
  return { idx: Int32Array.from(idx), val: out };
}

/** Builds the vocabulary from training documents: features seen in at least `minDf` documents. */
export function buildFeatureSpace(docs: RawFeatures[], wordWeight: number, minDf = 1): FeatureSpace {
  const df = new Map<number, { n: number; block: number }>();
  const count = (hashes: number[], block: number) => {
    for (const h of new Set(hashes)) {
      const e = df.get(h);
      if (e) e.n++;
      else df.set(h, { n: 1, block });
    }
  };
  for (const d of docs) {
    count(d.words, WORD_BLOCK);
    count(d.chars, CHAR_BLOCK);
  }
  const kept = [...df.entries()].filter(([, e]) => e.n >= minDf).sort((a, b) => a[0] - b[0]);
  const keys = new Uint32Array(kept.length);
  const idf = new Float32Array(kept.length);
  const block = new Uint8Array(kept.length);
  const n = docs.length;
  kept.forEach(([h, e], i) => {
    keys[i] = h;
    idf[i] = Math.log((1 + n) / (1 + e.n)) + 1;
    block[i] = e.block;
  });
  return new FeatureSpace(keys, idf, block, wordWeight, Math.log(1 + n) + 1);
}
