// The encoded sides (side-encoding.ts) of every question in the index, back to back in one growable Int32Array: no
// per-question objects for the garbage collector to trace, and nothing to allocate when a search compares a query
// with its candidates. A question re-encoded (synonyms changed) is appended again; the old record is left behind
// (the arena is compacted when more than half of it is dead).
import { HEADER, VERSION } from './side-encoding.ts';

export class SideArena {
  data: Int32Array = new Int32Array(1 << 16);
  private used = 0;
  private dead = 0;
  private offsets: Int32Array = new Int32Array(1024).fill(-1);
  private lengths: Int32Array = new Int32Array(1024);

  /** Stores a unit's record (replacing any earlier one). */
  set(unit: number, rec: ArrayLike<number>): void {
    if (unit >= this.offsets.length) this.growUnits(unit + 1);
    if ((this.offsets[unit] as number) >= 0) this.dead += this.lengths[unit] as number;
    if (this.used + rec.length > this.data.length) this.growData(rec.length);
    const data = this.data;
    for (let i = 0, at = this.used; i < rec.length; i++) data[at + i] = rec[i] as number;
    this.offsets[unit] = this.used;
    this.lengths[unit] = rec.length;
    this.used += rec.length;
  }

  /** Offset of the unit's record in `data`, or -1. */
  offset(unit: number): number {
    return unit < this.offsets.length ? (this.offsets[unit] as number) : -1;
  }

  version(unit: number): number {
    const off = this.offset(unit);
    return off < 0 ? -1 : (this.data[off + VERSION] as number);
  }

  delete(unit: number): void {
    if (unit >= this.offsets.length || (this.offsets[unit] as number) < 0) return;
    this.dead += this.lengths[unit] as number;
    this.offsets[unit] = -1;
  }

  private growUnits(n: number): void {
    const size = Math.max(n, this.offsets.length * 2);
    const offsets = new Int32Array(size).fill(-1);
    offsets.set(this.offsets);
    const lengths = new Int32Array(size);
    lengths.set(this.lengths);
    this.offsets = offsets;
    this.lengths = lengths;
  }

  private growData(extra: number): void {
    const live = this.used - this.dead;
    if (this.dead > live) {
      // compact: copy live records in unit order
      const next = new Int32Array(Math.max(this.data.length, (live + extra) * 2));
      let at = 0;
      for (let u = 0; u < this.offsets.length; u++) {
        const off = this.offsets[u] as number;
        if (off < 0) continue;
        const len = this.lengths[u] as number;
        next.set(this.data.subarray(off, off + len), at);
        this.offsets[u] = at;
        at += len;
      }
      this.data = next;
      this.used = at;
      this.dead = 0;
      if (at + extra <= next.length) return;
    }
    const bigger = new Int32Array(Math.max(this.data.length * 2, this.used + extra + HEADER));
    bigger.set(this.data.subarray(0, this.used));
    this.data = bigger;
  }
}
