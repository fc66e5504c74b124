// Jieba instances. Building one costs 100+ ms and a user dictionary is loaded INTO an instance, so each distinct
// workspace dictionary gets its own instance, cached by the dictionary's content (same words → same instance).
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { UserDictionaryEntry } from '../types.ts';
import { normalize } from './normalize.ts';

const MAX_CACHED = 32;
const DEFAULT_USER_FREQ = 20_000;

let base: Jieba | undefined;
const byDictionary = new Map<string, Jieba>();

/** The shared instance with jieba's default dictionary only. */
export function baseJieba(): Jieba {
  base ??= Jieba.withDict(dict);
  return base;
}

/** Jieba's dictionary text for the entries (normalized like the text it will cut; words with spaces skipped). */
export function userDictionaryText(entries: readonly UserDictionaryEntry[]): string {
  const lines = new Set<string>();
  for (const entry of entries) {
    const word = normalize(entry.word ?? '', { maxLength: 200 }).normalized;
    if (word.length === 0 || /\s/.test(word)) continue; // jieba splits on spaces, such words can never match
    const freq =
      Number.isFinite(entry.freq) && (entry.freq as number) > 0 ? Math.round(entry.freq as number) : DEFAULT_USER_FREQ;
    const pos = entry.pos && /^[a-zA-Z]{1,8}$/.test(entry.pos) ? entry.pos : 'nz';
    lines.add(`${word} ${freq} ${pos}`);
  }
  return [...lines].sort().join('\n');
}

/** An instance for this user dictionary (the base instance when it is empty). */
export function jiebaFor(entries: readonly UserDictionaryEntry[] | undefined): Jieba {
  if (!entries || entries.length === 0) return baseJieba();
  const text = userDictionaryText(entries);
  if (text.length === 0) return baseJieba();
  const cached = byDictionary.get(text);
  if (cached) {
    byDictionary.delete(text); // refresh its place in the LRU order
    byDictionary.set(text, cached);
    return cached;
  }
  const instance = Jieba.withDict(dict);
  instance.loadDict(Buffer.from(`${text}\n`, 'utf8'));
  byDictionary.set(text, instance);
  if (byDictionary.size > MAX_CACHED) {
    const oldest = byDictionary.keys().next().value as string;
    byDictionary.delete(oldest);
  }
  return instance;
}
