// Query expansion: what else a query should look for besides its own terms — the other members of synonym sets
// it mentions (workspace sets weigh more than the built-in ones), indexed bigrams that sound like its bigrams
// (homophone typos), and words the knowledge base taught are used for the same thing.
import type { Analysis } from './analyzer.ts';
import type { Expansion } from './explain.ts';
import type { HomophoneMap } from './homophones.ts';
import type { WordAssociations } from './learned.ts';
import type { QueryTerm } from './postings.ts';
import type { SynonymTable } from './synonyms.ts';

export const SYNONYM_WEIGHT = 0.8;
export const GENERAL_SYNONYM_WEIGHT = 0.5;
/** A bigram that only sounds like the query's (a homophone typo, or the typo is in the knowledge base). */
export const HOMOPHONE_WEIGHT = 0.7;
export const LEARNED_WEIGHT = 0.6;

export interface ExpansionSources {
  synonyms: SynonymTable;
  general: SynonymTable;
  homophones: HomophoneMap;
  associations: WordAssociations;
  /** index terms of a text */
  termsOf(text: string): string[];
  /** document frequency of a question term */
  df(key: string): number;
}

export function expandQuery(a: Analysis, src: ExpansionSources): { terms: QueryTerm[]; expansions: Expansion[] } {
  const terms: QueryTerm[] = [];
  const expansions: Expansion[] = [];
  const seen = new Set(a.terms.keys());
  const push = (key: string, weight: number) => {
    if (seen.has(key)) return false;
    seen.add(key);
    terms.push({ key, weight });
    return true;
  };
  const found = [
    ...src.synonyms.expand(a.norm).map((e) => ({ ...e, weight: SYNONYM_WEIGHT })),
    ...src.general.expand(a.norm).map((e) => ({ ...e, weight: GENERAL_SYNONYM_WEIGHT })),
  ];
  for (const { alternatives, weight } of found) {
    for (const alt of alternatives) {
      if (expansions.some((e) => e.term === alt)) continue;
      expansions.push({ term: alt, via: 'synonym' });
      for (const key of src.termsOf(alt)) push(key, weight);
    }
  }
  for (let i = 1; i < a.atoms.length; i++) {
    if ((a.starts[i] as number) !== (a.ends[i - 1] as number)) continue; // not adjacent
    const left = a.atoms[i - 1] as string;
    const right = a.atoms[i] as string;
    for (const key of src.homophones.soundalikes(left, right, src.df)) {
      push(key, HOMOPHONE_WEIGHT);
      // the characters the typo replaced ("腿款" → 退): the first stage matches characters, not bigrams
      if (key[1] !== left) push(`c${key[1]}`, HOMOPHONE_WEIGHT);
      if (key[3] !== right) push(`c${key[3]}`, HOMOPHONE_WEIGHT);
    }
  }
  for (const w of a.words) {
    for (const { word, strength } of src.associations.expand(w)) {
      if (push(`w${word}`, LEARNED_WEIGHT * strength)) expansions.push({ term: word, via: 'learned' });
    }
  }
  return { terms, expansions };
}
