// Workspace synonym sets ("退款=退钱=返款"). Applied at query time only, so changing the sets never re-indexes:
// every member found in the query brings the other members' terms in as weighted expansions.
import { normalizeForSearch } from './nlu-adapter.ts';

export class SynonymTable {
  /** member → the other members of every set it belongs to */
  private others = new Map<string, Set<string>>();
  /** members by length, longest first, so "退货退款" is found before "退款" */
  private members: string[] = [];
  /** first character → members starting with it (fitsAt looks up what starts at one position) */
  private byFirst = new Map<string, string[]>();

  constructor(sets: string[][] = []) {
    this.set(sets);
  }

  set(sets: string[][]): void {
    this.others.clear();
    for (const raw of sets) {
      const set = [...new Set(raw.map((m) => normalizeForSearch(m).trim()).filter((m) => m.length > 0))];
      if (set.length < 2) continue;
      for (const m of set) {
        const bucket = this.others.get(m) ?? new Set<string>();
        for (const o of set) if (o !== m) bucket.add(o);
        this.others.set(m, bucket);
      }
    }
    this.members = [...this.others.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.byFirst.clear();
    for (const m of this.members) {
      const list = this.byFirst.get(m[0] as string) ?? [];
      list.push(m);
      this.byFirst.set(m[0] as string, list);
    }
  }

  get size(): number {
    return this.others.size;
  }

  /**
   * Members found in the normalized query (not overlapping a longer one found first, not inside a longer word:
   * fitsAt) and their alternatives.
   */
  expand(norm: string): { member: string; alternatives: string[] }[] {
    if (this.members.length === 0) return [];
    const taken = new Uint8Array(norm.length);
    const out: { member: string; alternatives: string[] }[] = [];
    for (const m of this.members) {
      let at = norm.indexOf(m);
      while (at >= 0) {
        if (!taken.subarray(at, at + m.length).some((x) => x === 1) && fitsAt(norm, at, m, this.byFirst)) {
          taken.fill(1, at, at + m.length);
          out.push({ member: m, alternatives: [...(this.others.get(m) ?? [])] });
          break;
        }
        at = norm.indexOf(m, at + 1);
      }
    }
    return out;
  }
}

/** a-z and 0-9 (the query is normalized to lower case): an English member must not touch them on either side */
function isLatin(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/**
 * Whether `member`, found at `at` in `norm`, is a word there and not part of a longer one. English members must stand
 * between word boundaries ("edit" is not found in "credit", "ship" not in "membership"). A member whose last character
 * begins another known member that runs past it is refused, so the text is read the other way: "怎么办理" is
 * 怎么 + 办理 (apply for), not 怎么办 (what to do) + 理. `byFirst` maps a first character to the known members
 * starting with it; only the member's own last position is looked up, so matching stays linear in the query. (Kept to
 * char codes and one map lookup: canonicalizing runs for every candidate, and a first version with a closure per
 * position and a regular expression took expand + canonicalize from ~6.1 to ~10.5 µs a corpus phrasing.)
 */
function fitsAt(norm: string, at: number, member: string, byFirst: ReadonlyMap<string, readonly string[]>): boolean {
  const end = at + member.length;
  if (at > 0 && isLatin(member.charCodeAt(0)) && isLatin(norm.charCodeAt(at - 1))) return false;
  if (end < norm.length && isLatin(member.charCodeAt(member.length - 1)) && isLatin(norm.charCodeAt(end))) return false;
  if (member.length < 2 || end >= norm.length) return true;
  const last = end - 1;
  const others = byFirst.get(norm[last] as string);
  if (!others) return true;
  for (const o of others) if (o.length >= 2 && norm.startsWith(o, last)) return false;
  return true;
}

/**
 * Rewrites every synonym to its set's first member, so "怎样分辨真伪" and "怎么辨别真假" compare equal word for word.
 * Single-character members are left out: replacing "能" everywhere would also rewrite "能力".
 */
export class Canonicalizer {
  /** first character → members starting with it, longest first */
  private byFirst = new Map<string, string[]>();
  private canonical = new Map<string, string>();

  constructor(sets: string[][] = []) {
    this.set(sets);
  }

  /** Earlier sets win when a member appears in several. */
  set(sets: string[][]): void {
    this.canonical.clear();
    this.byFirst.clear();
    for (const raw of sets) {
      const set = raw.map((m) => normalizeForSearch(m).trim()).filter((m) => m.length > 0);
      const head = set.find((m) => m.length >= 2);
      if (!head) continue;
      for (const m of set) if (m.length >= 2 && !this.canonical.has(m)) this.canonical.set(m, head);
    }
    for (const m of this.canonical.keys()) {
      const list = this.byFirst.get(m[0] as string) ?? [];
      list.push(m);
      this.byFirst.set(m[0] as string, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  }

  apply(norm: string): string {
    if (this.canonical.size === 0) return norm;
    // the untouched stretches are copied as slices, not character by character (this runs for every candidate)
    let out = '';
    let copied = 0;
    let changed = false;
    for (let i = 0; i < norm.length; ) {
      const list = this.byFirst.get(norm[i] as string);
      const m = list?.find((member) => norm.startsWith(member, i) && fitsAt(norm, i, member, this.byFirst));
      if (m) {
        const head = this.canonical.get(m) as string;
        if (head !== m) {
          out += norm.slice(copied, i) + head;
          copied = i + m.length;
          changed = true;
        }
        i += m.length;
      } else {
        i++;
      }
    }
    return changed ? out + norm.slice(copied) : norm;
  }
}
