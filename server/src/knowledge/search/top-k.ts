// The k best items without sorting everything: a bounded min-heap (a query can touch tens of thousands of docs).

export class TopK {
  private ids: number[] = [];
  private scores: number[] = [];

  constructor(private readonly k: number) {}

  /** The score an item must beat to get in. */
  get threshold(): number {
    return this.ids.length < this.k ? Number.NEGATIVE_INFINITY : (this.scores[0] as number);
  }

  push(id: number, score: number): void {
    if (this.k <= 0) return;
    if (this.ids.length < this.k) {
      this.ids.push(id);
      this.scores.push(score);
      this.up(this.ids.length - 1);
    } else if (score > (this.scores[0] as number)) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.down(0);
    }
  }

  /** Best first; ties by id for determinism. */
  sorted(): { id: number; score: number }[] {
    return this.ids
      .map((id, i) => ({ id, score: this.scores[i] as number }))
      .sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private less(i: number, j: number): boolean {
    const a = this.scores[i] as number;
    const b = this.scores[j] as number;
    return a < b || (a === b && (this.ids[i] as number) > (this.ids[j] as number));
  }

  private swap(i: number, j: number): void {
    [this.ids[i], this.ids[j]] = [this.ids[j] as number, this.ids[i] as number];
    [this.scores[i], this.scores[j]] = [this.scores[j] as number, this.scores[i] as number];
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
    const n = this.ids.length;
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
