// The one door from the search engine into the language engine: normalization, jieba search-mode segmentation and
// English stemming come from `nlu`; nothing else in search/ imports nlu or jieba directly.
import type { Jieba } from '@node-rs/jieba';
import { stemEnglish } from '../../nlu/intent/stem.ts';
import { normalizeText } from '../../nlu/text/fast-normalize.ts';
import { jiebaFor } from '../../nlu/text/jieba.ts';
import { normalize, toOriginalSpan } from '../../nlu/text/normalize.ts';

export interface Segmenter {
  /** jieba search mode: long words plus the shorter words inside them ("中华人民共和国" → 中华, 人民, …). */
  cutForSearch(normalized: string): string[];
  /** jieba's default mode: one segmentation, fewer tokens (for long bodies) */
  cut(normalized: string): string[];
}

/** One jieba per distinct user dictionary (nlu caches the instances, they cost 100+ ms to build). */
export function createSegmenter(userDictionary?: readonly { word: string }[]): Segmenter {
  const jieba: Jieba = jiebaFor(userDictionary);
  return { cutForSearch: (text) => jieba.cutForSearch(text, false), cut: (text) => jieba.cut(text, false) };
}

/** Full-width → half-width, traditional → simplified, lowercase, whitespace collapsed. */
export function normalizeForSearch(text: string): string {
  return normalizeText(text ?? '');
}

export function stem(word: string): string {
  return stemEnglish(word);
}

/** Normalized text plus a way back to offsets in the original (for highlights). */
export function normalizeWithOffsets(text: string): {
  normalized: string;
  toOriginal(start: number, end: number): { start: number; end: number };
} {
  // Normalization maps one UTF-16 unit to one unless it collapses spaces or drops marks: when the length is kept,
  // offsets are the same in both texts and the offset map is not needed.
  const fast = normalizeText(text ?? '');
  if (fast.length === (text ?? '').length) return { normalized: fast, toOriginal: (start, end) => ({ start, end }) };
  const norm = normalize(text ?? '');
  return { normalized: norm.normalized, toOriginal: (start, end) => toOriginalSpan(norm, start, end) };
}
