// For the lexicon tests: the names the intent features type in a Han message, as "entry=type", found the way the
// features find them (jieba's words with POS tags, matches lined up with them).
import { tagHan } from '../intent/segment.ts';
import { findNamesInWords } from './in-words.ts';

export function namesIn(text: string): string[] {
  const words = tagHan(text).map((t) => t.word);
  return findNamesInWords(text, words).map((m) => `${text.slice(m.start, m.end)}=${m.type}`);
}
