// Normalized text without the offset map, for the segmentation fast path. Same result as
// normalize(text).normalized, but table-driven with a reused buffer: most messages cost one pass over the text.

import { isDroppable, isWhitespace } from './char-class.ts';
import { getChangeMap, simplifyUnitsInPlace, toSimplifiedAligned } from './chinese-script.ts';
import { DEFAULT_MAX_LENGTH, normalize } from './normalize.ts';

// kind 0: kept as it is (the default of the table)
const MAP = 1;
const SPACE = 2;
const DROP = 3;
/** surrogates, ZWJ, and letters whose lowercase changes length: left to the full normalize() */
const COMPLEX = 4;
/** traditional characters: kept in the pass, converted (phrase-aware) at the end */
const TRADITIONAL = 5;

let kind: Uint8Array | undefined;
let mapped: Uint16Array | undefined;
let buffer = new Uint16Array(1024);

function tables(): { kind: Uint8Array; mapped: Uint16Array } {
  if (kind && mapped) return { kind, mapped };
  const k = new Uint8Array(0x10000);
  const m = new Uint16Array(0x10000);
  const traditional = getChangeMap();
  for (let c = 0; c < 0x10000; c++) {
    if (traditional[c] === 1) k[c] = TRADITIONAL;
    else if (isWhitespace(c)) k[c] = SPACE;
    else if (isDroppable(c)) k[c] = DROP;
    else if ((c >= 0xd800 && c <= 0xdfff) || c === 0x200d) k[c] = COMPLEX;
    else if (c >= 0xff01 && c <= 0xff5e) {
      k[c] = MAP;
      const half = c - 0xfee0;
      m[c] = half >= 0x41 && half <= 0x5a ? half + 0x20 : half;
    } else if (c < 0x3000) {
      const lower = String.fromCharCode(c).toLowerCase();
      if (lower.length !== 1) k[c] = COMPLEX;
      else if (lower.charCodeAt(0) !== c) {
        k[c] = MAP;
        m[c] = lower.charCodeAt(0);
      }
    }
  }
  kind = k;
  mapped = m;
  return { kind, mapped };
}

/** normalize(text).normalized, faster; falls back to normalize() for the rare complex cases. */
export function normalizeText(text: string, maxLength = DEFAULT_MAX_LENGTH): string {
  if (typeof text !== 'string') return normalize(text).normalized;
  const { kind: k, mapped: m } = tables();
  const length = Math.min(text.length, maxLength);
  if (length < text.length) return normalize(text, { maxLength }).normalized;
  if (buffer.length < length) buffer = new Uint16Array(length * 2);
  const out = buffer;
  let n = 0;
  let changed = false;
  let traditional = false;
  let spaces = 0; // length of the whitespace run before the current character
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    const type = k[c] as number;
    if (type === SPACE) {
      if (c !== 0x20 || spaces > 0 || n === 0) changed = true; // not a lone ' ' between words
      spaces++;
      continue;
    }
    if (type === DROP) {
      changed = true;
      continue;
    }
    if (type === COMPLEX) return normalize(text, { maxLength }).normalized;
    if (spaces > 0) {
      if (n > 0) out[n++] = 0x20;
      spaces = 0;
    }
    if (type === MAP) {
      out[n++] = m[c] as number;
      changed = true;
    } else {
      out[n++] = c;
      if (type === TRADITIONAL) traditional = true;
    }
  }
  if (spaces > 0) changed = true; // trailing whitespace trimmed
  if (!changed && !traditional) return text;
  const phraseAware = traditional && !simplifyUnitsInPlace(out, n);
  let result = '';
  for (let i = 0; i < n; i += 8192) {
    result += String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  }
  return phraseAware ? toSimplifiedAligned(result) : result;
}
