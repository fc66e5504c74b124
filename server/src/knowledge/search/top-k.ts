// The k best items without sorting everything: a bounded min-heap (a query can touch tens of thousands of docs).
// Typed arrays, allocated once: a search pushes thousands of items and should leave no garbage behind.

export class TopK {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private n = 0;

  constructor(private readonly k: number) {
    this.ids = new Int32Array(Math.max(0, k));
    this.scores = new Float64Array(Math.max(0, k));
  }

  /** Empties the heap for reuse (a search keeps one per k instead of allocating one). */
  reset(): void {
    this.n = 0;
  }

  /** The score an item must beat to get in. */
  get threshold(): number {
    return this.n < this.k ? Number.NEGATIVE_INFINITY : (this.scores[0] as number);
  }

  push(id: number, score: number): void {
    if (this.k <= 0) return;
    if (this.n < this.k) {
      this.ids[this.n] = id;
      this.scores[this.n] = score;
      this.n++;
      this.up(this.n - 1);
    } else if (score > (this.scores[0] as number)) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.down(0);
    }
  }

  /** Best first; ties by id for determinism. */
  sorted(): { id: number; score: number }[] {
    const out: { id: number; score: number }[] = [];
    for (let i = 0; i < this.n; i++) out.push({ id: this.ids[i] as number, score: this.scores[i] as number });
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private less(i: number, j: number): boolean {
    const a = this.scores[i] as number;
    const b = this.scores[j] as number;
    return a < b || (a === b && (this.ids[i] as number) > (this.ids[j] as number));
  }

  private swap(i: number, j: number): void {
    const id = this.ids[i] as number;
    this.ids[i] = this.ids[j] as number;
    this.ids[j] = id;
    const s = this.scores[i] as number;
    this.scores[i] = this.scores[j] as number;
    this.scores[j] = s;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.n;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
