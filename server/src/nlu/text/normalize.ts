// Text normalization with an exact map back to the original text.
// Every normalized UTF-16 unit records the original index it came from, so tokens and entities found in the
// normalized text can always be reported with offsets into what the customer actually wrote.
import type { Normalized } from '../types.ts';
import { isDroppable, isEmojiPart, isWhitespace } from './char-class.ts';
import { hasTraditional, toSimplifiedAligned } from './chinese-script.ts';

export interface NormalizeOptions {
  /** Original characters (UTF-16 units) kept; longer input is cut and flagged `truncated`. Default 10,000. */
  maxLength?: number;
}

export const DEFAULT_MAX_LENGTH = 10_000;

/**
 * Full-width → half-width, traditional → simplified, lowercase, whitespace collapsed and trimmed,
 * control characters, zero-width marks and lone surrogates removed, emoji kept. Never throws.
 */
export function normalize(text: string, opts: NormalizeOptions = {}): Normalized {
  const original = typeof text === 'string' ? text : String(text ?? '');
  const maxLength = Math.max(0, Math.floor(opts.maxLength ?? DEFAULT_MAX_LENGTH));
  let limit = Math.min(original.length, maxLength);
  // never cut a surrogate pair in half
  if (limit > 0 && limit < original.length && isHigh(original.charCodeAt(limit - 1))) limit--;
  const truncated = limit < original.length;

  const units = new Uint16Array(limit * 3 + 1);
  const map = new Int32Array(limit * 3 + 2);
  let n = 0;
  let pendingSpace = -1; // original index of a whitespace run not yet emitted
  let prevEmoji = false;

  for (let i = 0; i < limit; ) {
    let cp = original.charCodeAt(i);
    let width = 1;
    if (isHigh(cp)) {
      const next = i + 1 < limit ? original.charCodeAt(i + 1) : 0;
      if (isLow(next)) {
        cp = ((cp - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
        width = 2;
      } else {
        i++; // lone high surrogate
        continue;
      }
    } else if (isLow(cp)) {
      i++; // lone low surrogate
      continue;
    }

    if (isWhitespace(cp)) {
      if (pendingSpace < 0) pendingSpace = i;
      i += width;
      prevEmoji = false;
      continue;
    }
    if (isDroppable(cp) || (cp === 0x200d && !prevEmoji)) {
      i += width;
      continue;
    }
    if (pendingSpace >= 0) {
      if (n > 0) {
        units[n] = 0x20;
        map[n++] = pendingSpace;
      }
      pendingSpace = -1;
    }

    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0; // full-width ASCII
    if (cp < 0x80) {
      if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
      units[n] = cp;
      map[n++] = i;
      prevEmoji = false;
    } else if (width === 2) {
      units[n] = original.charCodeAt(i);
      map[n++] = i;
      units[n] = original.charCodeAt(i + 1);
      map[n++] = i + 1;
      prevEmoji = isEmojiPart(cp);
    } else if (cp < 0x3000 && cp !== 0x200d) {
      // Latin, Greek, Cyrillic…: lowercase may change the length (İ → i̇); all units map to the same source.
      const lower = String.fromCharCode(cp).toLowerCase();
      for (let k = 0; k < lower.length; k++) {
        units[n] = lower.charCodeAt(k);
        map[n++] = i;
      }
      prevEmoji = isEmojiPart(cp);
    } else {
      units[n] = cp;
      map[n++] = i;
      prevEmoji = cp === 0x200d || cp === 0xfe0f || isEmojiPart(cp);
    }
    i += width;
  }

  let normalized = unitsToString(units, n);
  if (hasTraditional(units, n)) normalized = toSimplifiedAligned(normalized);
  const toOriginal = new Int32Array(n + 1);
  toOriginal.set(map.subarray(0, n));
  toOriginal[n] = n === 0 ? 0 : endOfSource(original, map[n - 1] as number);
  return { original, normalized, toOriginal, truncated };
}

/** Maps a [start, end) span of the normalized text to the original text. */
export function toOriginalSpan(norm: Normalized, start: number, end: number): { start: number; end: number } {
  const n = norm.normalized.length;
  const s = Math.max(0, Math.min(start, n));
  const e = Math.max(s, Math.min(end, n));
  if (e === s) {
    const at = norm.toOriginal[s] as number;
    return { start: at, end: at };
  }
  return { start: norm.toOriginal[s] as number, end: endOfSource(norm.original, norm.toOriginal[e - 1] as number) };
}

/** End (exclusive) of the original character at `index`: a surrogate pair counts as one. */
function endOfSource(original: string, index: number): number {
  return isHigh(original.charCodeAt(index)) && isLow(original.charCodeAt(index + 1)) ? index + 2 : index + 1;
}

function isHigh(u: number): boolean {
  return u >= 0xd800 && u <= 0xdbff;
}

function isLow(u: number): boolean {
  return u >= 0xdc00 && u <= 0xdfff;
}

function unitsToString(units: Uint16Array, n: number): string {
  let out = '';
  for (let i = 0; i < n; i += 8192) {
    // typed arrays are valid argument lists for apply; avoids copying into a plain array
    out += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  }
  return out;
}
