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
  readonly index: Map<number, number>;

  constructor(
    /** hash of each feature, by feature index */
    readonly keys: Uint32Array,
    readonly idf: Float32Array,
    /** WORD_BLOCK or CHAR_BLOCK, by feature index */
    readonly block: Uint8Array,
    /** share of the squared norm given to the word block (the char block gets the rest) */
    readonly wordWeight: number,
  ) {
    this.index = new Map();
    for (let i = 0; i < keys.length; i++) this.index.set(keys[i]!, i);
  }

  get size(): number {
    return this.keys.length;
  }

  vectorize(raw: RawFeatures): SparseVector {
    const wordIdx = this.lookup(raw.words);
    const charIdx = this.lookup(raw.chars);
    const w = weighBlock(wordIdx, this.idf);
    const c = weighBlock(charIdx, this.idf);
    const wScale = c.idx.length === 0 ? 1 : w.idx.length === 0 ? 0 : Math.sqrt(this.wordWeight);
    const cScale = w.idx.length === 0 ? 1 : Math.sqrt(1 - this.wordWeight);
    const n = w.idx.length + c.idx.length;
    const idx = new Int32Array(n);
    const val = new Float32Array(n);
    idx.set(w.idx, 0);
    idx.set(c.idx, w.idx.length);
    for (let i = 0; i < w.val.length; i++) val[i] = w.val[i]! * wScale;
    for (let i = 0; i < c.val.length; i++) val[w.idx.length + i] = c.val[i]! * cScale;
    return { idx, val };
  }

  private lookup(hashes: number[]): number[] {
    const out: number[] = [];
    for (const h of hashes) {
      const i = this.index.get(h);
      if (i !== undefined) out.push(i);
    }
    return out;
  }
}

/** Sublinear TF × IDF, L2-normalized. `indices` may repeat; repeats are the term frequency. */
function weighBlock(indices: number[], idf: Float32Array): SparseVector {
  if (indices.length === 0) return { idx: new Int32Array(0), val: new Float32Array(0) };
  indices.sort((a, b) => a - b);
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
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
  return new FeatureSpace(keys, idf, block, wordWeight);
}
