// Finds the entries of built-in type lexicons in a Han run: leftmost-longest, non-overlapping matches. A Map from
// entry to type plus a set of the characters entries start with keeps a 30-character run at a few microseconds.
// Given the run's word boundaries, a match must start and end on one (it may span several whole words): a name
// read across two words (行李白天 holds 李白, 大陆游客 陆游) is no name.

export interface LexiconMatch {
  start: number;
  end: number;
  type: string;
}

export interface TypeLexicon {
  /**
   * Matches in one run of Han text (already folded: simplified, half-width). With `wordStarts` (the offsets where
   * the run's words start, ascending, the first 0) only matches that start and end on a word boundary count.
   */
  find(run: string, wordStarts?: readonly number[]): LexiconMatch[];
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
    find(run, wordStarts) {
      const out: LexiconMatch[] = [];
      // boundary[k] = 1 where a word starts or the run ends; without word starts every offset is one
      let boundary: Uint8Array | undefined;
      if (wordStarts) {
        boundary = new Uint8Array(run.length + 1);
        for (const s of wordStarts) {
          if (!Number.isInteger(s) || s < 0 || s > run.length) {
            throw new Error(`word start ${s} is outside the run of ${run.length} characters`);
          }
          boundary[s] = 1;
        }
        boundary[run.length] = 1;
      }
      let i = 0;
      while (i < run.length - 1) {
        let found: LexiconMatch | undefined;
        if ((!boundary || boundary[i]) && firstChars.has(run[i]!)) {
          for (let end = Math.min(run.length, i + maxLength); end >= i + 2; end--) {
            if (boundary && !boundary[end]) continue;
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
