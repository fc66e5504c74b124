// Vector helpers for optional embeddings: stored unit-length so a dot product is the cosine.

export function normalizeVector(v: ArrayLike<number>): Float32Array | null {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += (v[i] as number) * (v[i] as number);
  if (!(norm > 0) || !Number.isFinite(norm)) return null;
  const inv = 1 / Math.sqrt(norm);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = (v[i] as number) * inv;
  return out;
}

/** Cosine of any vector with a unit-length one; 0 when the sizes differ. */
export function cosine(a: ArrayLike<number>, unit: Float32Array): number {
  if (a.length !== unit.length) return 0;
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    dot += x * (unit[i] as number);
    norm += x * x;
  }
  return norm > 0 ? dot / Math.sqrt(norm) : 0;
}
