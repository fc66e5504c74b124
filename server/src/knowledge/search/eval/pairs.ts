// The pair-set protocol of `lingxi kb eval`: rows `q1<TAB>q2<TAB>label`; questions joined by label-1 rows form
// groups (union-find); each group's first-seen question becomes an FAQ entry and its other questions become queries;
// every other distinct question becomes a distractor entry. Knows nothing about which pair set it is given.

export interface PairSet {
  /** entry questions: group entries first-seen order, then distractors (both in first-seen order overall) */
  entries: { id: string; text: string; group: number | null }[];
  queries: { text: string; group: number }[];
  groups: number;
  /** malformed lines, by 1-based line number */
  skipped: { line: number; reason: string }[];
}

class UnionFind {
  private parent: number[] = [];
  make(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    while (this.parent[x] !== r) {
      const next = this.parent[x] as number;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

export function parsePairs(tsv: string): PairSet {
  const ids = new Map<string, number>();
  const texts: string[] = [];
  const uf = new UnionFind();
  const inPositive = new Set<number>();
  const skipped: PairSet['skipped'] = [];
  const idOf = (q: string) => {
    let id = ids.get(q);
    if (id === undefined) {
      id = uf.make();
      ids.set(q, id);
      texts.push(q);
    }
    return id;
  };
  const lines = tsv.split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (raw.trim().length === 0) return;
    const cols = raw.split('\t');
    const q1 = cols[0]?.trim() ?? '';
    const q2 = cols[1]?.trim() ?? '';
    const label = cols[2]?.trim();
    if (cols.length < 3 || q1.length === 0 || q2.length === 0) {
      skipped.push({ line: i + 1, reason: 'expected q1<TAB>q2<TAB>label' });
      return;
    }
    if (label !== '0' && label !== '1') {
      skipped.push({ line: i + 1, reason: `label must be 0 or 1, got "${label}"` });
      return;
    }
    const a = idOf(q1);
    const b = idOf(q2);
    if (label === '1' && a !== b) {
      uf.union(a, b);
      inPositive.add(a);
      inPositive.add(b);
    }
  });
  // union-find roots are the smallest id, i.e. the first-seen question of the group
  const groupOfRoot = new Map<number, number>();
  const entries: PairSet['entries'] = [];
  const queries: PairSet['queries'] = [];
  for (let id = 0; id < texts.length; id++) {
    const text = texts[id] as string;
    if (!inPositive.has(id)) {
      entries.push({ id: `d${id}`, text, group: null });
      continue;
    }
    const root = uf.find(id);
    if (root === id) {
      const group = groupOfRoot.size;
      groupOfRoot.set(root, group);
      entries.push({ id: `g${group}`, text, group });
    } else {
      queries.push({ text, group: groupOfRoot.get(root) as number });
    }
  }
  return { entries, queries, groups: groupOfRoot.size, skipped };
}
