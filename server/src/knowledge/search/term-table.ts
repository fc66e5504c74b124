// Every term key the engine has seen ("w退款", "c退", "b退 款"), numbered densely and for good: postings, document
// frequencies and the re-ranker's per-question features are then integer arrays, and comparing two questions
// allocates nothing. Ids are never reused (a removed question's terms keep theirs), so the table only grows with
// the vocabulary of the knowledge base, not with the number of edits.
export class TermTable {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The key's id, numbering it if new. */
  intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  /** The key's id, or -1 when it was never seen (a query's own new words). */
  lookup(key: string): number {
    return this.ids.get(key) ?? -1;
  }

  key(id: number): string {
    return this.keys[id] as string;
  }
}
