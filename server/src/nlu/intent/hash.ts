// 32-bit FNV-1a with per-kind seeds: features are hashed, never stored as strings, so a model is a table of
// numbers that loads without building a string vocabulary.

export const SEED = {
  word: 0x811c9dc5,
  bigram: 0x9e3779b9,
  char: 0x85ebca6b,
  hanChar: 0xc2b2ae35,
  tag: 0x27d4eb2f,
  wordTag: 0x165667b1,
} as const;

export function hashString(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Order-sensitive combination of two hashes (murmur3 finalizer), for word pairs. */
export function combineHashes(a: number, b: number, seed: number): number {
  let h = (Math.imul(a ^ seed, 0xcc9e2d51) + b) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Pushes the hash of every substring of `text` with length in [minN, maxN] onto `out`, without allocating the
 * substrings (one rolling FNV per start position).
 */
export function pushCharNgrams(text: string, minN: number, maxN: number, seed: number, out: number[]): void {
  const n = text.length;
  for (let start = 0; start < n; start++) {
    let h = seed >>> 0;
    const stop = Math.min(n, start + maxN);
    for (let end = start; end < stop; end++) {
      h ^= text.charCodeAt(end);
      h = Math.imul(h, 16777619);
      if (end - start + 1 >= minN) out.push(h >>> 0);
    }
  }
}
