// Workspace dictionary entities: product names, brands, slang, each with synonyms ("苹果手机" = "iPhone").
// Matching runs on normalized text, so full-width, traditional and upper-case spellings all match; the value is
// always the canonical name.
import { normalize } from '../text/normalize.ts';
import type { DictionaryEntity } from '../types.ts';
import type { Match } from './builtin/match.ts';

interface Entry {
  key: string;
  type: string;
  name: string;
}

const LATIN_OR_DIGIT = /[a-z0-9]/;

export function createDictionaryMatcher(entities: readonly DictionaryEntity[] = []): (text: string) => Match[] {
  // entries indexed by first character, longest first, so the scan tries the most specific name first
  const byFirst = new Map<string, Entry[]>();
  for (const entity of entities) {
    for (const surface of [entity.name, ...(entity.synonyms ?? [])]) {
      const key = normalize(surface ?? '', { maxLength: 200 }).normalized;
      if (key.length === 0) continue;
      const first = key[0] as string;
      const list = byFirst.get(first) ?? [];
      list.push({ key, type: entity.type, name: entity.name });
      byFirst.set(first, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);

  return (text) => {
    const out: Match[] = [];
    if (byFirst.size === 0) return out;
    for (let i = 0; i < text.length; i++) {
      const list = byFirst.get(text[i] as string);
      if (!list) continue;
      // a Latin name must not start or end inside a longer Latin word ("app" in "happy")
      if (LATIN_OR_DIGIT.test(text[i] as string) && i > 0 && LATIN_OR_DIGIT.test(text[i - 1] as string)) continue;
      for (const entry of list) {
        if (!text.startsWith(entry.key, i)) continue;
        const end = i + entry.key.length;
        const last = entry.key[entry.key.length - 1] as string;
        if (LATIN_OR_DIGIT.test(last) && end < text.length && LATIN_OR_DIGIT.test(text[end] as string)) continue;
        out.push({ type: entry.type, start: i, end, value: entry.name, confidence: 0.95, priority: 8 });
        break;
      }
    }
    return out;
  };
}
