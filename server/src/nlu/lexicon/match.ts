// Finds the entries of built-in type lexicons in a Han run: leftmost-longest, non-overlapping matches. A Map from
// entry to type plus a set of the characters entries start with keeps a 30-character run at a few microseconds.

export interface LexiconMatch {
  start: number;
  end: number;
  type: string;
}

export interface TypeLexicon {
  /** Matches in one run of Han text (already folded: simplified, half-width). */
  find(run: string): LexiconMatch[];
  readonly size: number;
}

/**
 * Builds a matcher from lists of entries by type. Entries are split on whitespace; a one-character entry is
 * ignored (a single character is too ambiguous to name a type). An entry listed under two types keeps the first.
 */
export function createTypeLexicon(lists: Record<string, string>): TypeLexicon {
  const types = new Map<string, string>();
  const firstChars = new Set<string>();
  let maxLength = 0;
  for (const [type, text] of Object.entries(lists)) {
    if (!/^[a-z_]+$/.test(type)) throw new Error(`lexicon type "${type}" must be lowercase letters and _`);
    for (const entry of text.split(/\s+/)) {
      if (entry.length < 2 || types.has(entry)) continue;
      types.set(entry, type);
      firstChars.add(entry[0]!);
      maxLength = Math.max(maxLength, entry.length);
    }
  }
  return {
    size: types.size,
    find(run) {
      const out: LexiconMatch[] = [];
      let i = 0;
      while (i < run.length - 1) {
        let found: LexiconMatch | undefined;
        if (firstChars.has(run[i]!)) {
          for (let end = Math.min(run.length, i + maxLength); end >= i + 2; end--) {
            const type = types.get(run.slice(i, end));
            if (type !== undefined) {
              found = { start: i, end, type };
              break;
            }
          }
        }
        if (found) {
          out.push(found);
          i = found.end;
        } else i++;
      }
      return out;
    },
  };
}
