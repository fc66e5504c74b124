// A similarity learned from the knowledge base itself: when a standard question and its similar questions (or a
// customer's question that an answer resolved) use different words for one thing ("到账" / "退回来"), those words
// become associated, and a later query with one of them also looks for the other.

const MIN_STRENGTH = 0.25;
const MAX_EXPANSIONS = 3;

export class WordAssociations {
  private pairs = new Map<string, Map<string, number>>();
  private seen = new Map<string, number>();

  /** Learns from two phrasings of one question (their word lists); returns what it added, for unlearn(). */
  learn(a: readonly string[], b: readonly string[]): [string, string][] {
    const setA = new Set(a);
    const setB = new Set(b);
    const onlyA = [...setA].filter((w) => !setB.has(w) && w.length > 0);
    const onlyB = [...setB].filter((w) => !setA.has(w) && w.length > 0);
    if (onlyA.length === 0 || onlyB.length === 0 || onlyA.length * onlyB.length > 36) return [];
    const added: [string, string][] = [];
    for (const x of onlyA) for (const y of onlyB) added.push([x, y]);
    this.apply(added, onlyA, onlyB, 1);
    return added;
  }

  unlearn(added: [string, string][]): void {
    const left = [...new Set(added.map((p) => p[0]))];
    const right = [...new Set(added.map((p) => p[1]))];
    this.apply(added, left, right, -1);
  }

  /** Associated words, strongest first: Dice over the phrasings where each word was the odd one out. */
  expand(word: string): { word: string; strength: number }[] {
    const row = this.pairs.get(word);
    if (!row) return [];
    const n = this.seen.get(word) ?? 0;
    const out: { word: string; strength: number }[] = [];
    for (const [other, c] of row) {
      const m = this.seen.get(other) ?? 0;
      // one sighting is weak evidence: c/(c+1) damps it
      const strength = ((2 * c) / (n + m)) * (c / (c + 1));
      if (strength >= MIN_STRENGTH) out.push({ word: other, strength });
    }
    return out.sort((x, y) => y.strength - x.strength || (x.word < y.word ? -1 : 1)).slice(0, MAX_EXPANSIONS);
  }

  private apply(pairs: [string, string][], left: string[], right: string[], delta: number): void {
    for (const w of [...left, ...right]) bump(this.seen, w, delta);
    for (const [x, y] of pairs) {
      this.bumpPair(x, y, delta);
      this.bumpPair(y, x, delta);
    }
  }

  private bumpPair(x: string, y: string, delta: number): void {
    let row = this.pairs.get(x);
    if (!row) {
      row = new Map();
      this.pairs.set(x, row);
    }
    bump(row, y, delta);
    if (row.size === 0) this.pairs.delete(x);
  }
}

function bump(map: Map<string, number>, key: string, delta: number): void {
  const v = (map.get(key) ?? 0) + delta;
  if (v <= 0) map.delete(key);
  else map.set(key, v);
}
