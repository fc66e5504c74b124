// The id of an ordered pair of ids (two atoms' term ids → their bigram's), in one open-addressing hash table of
// typed arrays. A Map per first id cost an object and a hash table per distinct atom that starts a bigram: with
// product codes in the questions (every code its own atom), that was one small Map per article.
const EMPTY = -1;

export class PairIds {
  private firsts: Int32Array = new Int32Array(1024).fill(EMPTY);
  private seconds: Int32Array = new Int32Array(1024);
  private ids: Int32Array = new Int32Array(1024);
  private size = 0;

  /** The pair's id, or -1. `a` and `b` are non-negative. */
  get(a: number, b: number): number {
    const mask = this.firsts.length - 1;
    for (let at = slotOf(a, b, mask); ; at = (at + 1) & mask) {
      const first = this.firsts[at] as number;
      if (first === EMPTY) return -1;
      if (first === a && this.seconds[at] === b) return this.ids[at] as number;
    }
  }

  /** Records the pair's id (the pair must not be there yet). */
  set(a: number, b: number, id: number): void {
    if (2 * (this.size + 1) > this.firsts.length) this.grow();
    this.place(a, b, id);
    this.size++;
  }

  private place(a: number, b: number, id: number): void {
    const mask = this.firsts.length - 1;
    let at = slotOf(a, b, mask);
    while (this.firsts[at] !== EMPTY) at = (at + 1) & mask;
    this.firsts[at] = a;
    this.seconds[at] = b;
    this.ids[at] = id;
  }

  private grow(): void {
    const { firsts, seconds, ids } = this;
    this.firsts = new Int32Array(firsts.length * 2).fill(EMPTY);
    this.seconds = new Int32Array(firsts.length * 2);
    this.ids = new Int32Array(firsts.length * 2);
    for (let i = 0; i < firsts.length; i++) {
      const a = firsts[i] as number;
      if (a !== EMPTY) this.place(a, seconds[i] as number, ids[i] as number);
    }
  }
}

function slotOf(a: number, b: number, mask: number): number {
  return ((Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) >>> 7) & mask;
}
