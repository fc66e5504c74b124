// Traditional → simplified Chinese with opencc-js's 't' → 'cn' dictionaries (phrase-aware).
// OpenCC's converter walks a trie in JS and is the slowest step of normalization, so we read its dictionaries
// once and convert character by character whenever that gives the same answer: only ~40 characters (乾, 麼, 著…)
// convert differently inside some phrase, and texts containing one of them go through the real converter.
import * as OpenCC from 'opencc-js';
import * as Preset from 'opencc-js/preset';

type Convert = (text: string) => string;

interface Tables {
  /** simplified form of each BMP character (0 = unchanged) */
  simplified: Uint16Array;
  /** 1 when the character converts differently inside some dictionary phrase */
  phraseSensitive: Uint8Array;
  /** 1 when the character changes */
  changes: Uint8Array;
  /** the longest dictionary phrase */
  longestPhrase: number;
}

let converter: Convert | undefined;
let tables: Tables | undefined;

function getConverter(): Convert {
  if (!converter) converter = OpenCC.Converter({ from: 't', to: 'cn' }) as Convert;
  return converter;
}

function getTables(): Tables {
  if (tables) return tables;
  const simplified = new Uint16Array(0x10000);
  const phraseSensitive = new Uint8Array(0x10000);
  const changes = new Uint8Array(0x10000);
  const phrases: Array<[string, string]> = [];
  for (const group of Preset.to.cn ?? []) {
    for (const dict of group as unknown as string[]) {
      if (typeof dict !== 'string') continue;
      for (const entry of dict.split('|')) {
        const [from, to] = entry.split(' ');
        if (!from || !to) continue;
        if (from.length === 1 && to.length === 1) {
          const f = from.charCodeAt(0);
          if (f >= 0xd800 && f <= 0xdfff) continue;
          if (to !== from) {
            simplified[f] = to.charCodeAt(0);
            changes[f] = 1;
          }
        } else if (from.length > 1) {
          phrases.push([from, to]);
        }
      }
    }
  }
  const alone = (u: number) => simplified[u] || u;
  let longestPhrase = 1;
  for (const [from, to] of phrases) {
    longestPhrase = Math.max(longestPhrase, from.length);
    for (let i = 0; i < from.length; i++) {
      const u = from.charCodeAt(i);
      // a phrase that changes length, or converts this character differently than it converts alone
      if (from.length !== to.length || alone(u) !== to.charCodeAt(i)) phraseSensitive[u] = 1;
    }
  }
  tables = { simplified, phraseSensitive, changes, longestPhrase };
  return tables;
}

/** One byte per BMP code point: 1 when converting that character alone changes it. */
export function getChangeMap(): Uint8Array {
  return getTables().changes;
}

/** Does the text contain any character the traditional→simplified converter would change? */
export function hasTraditional(units: ArrayLike<number>, length: number): boolean {
  const map = getTables().changes;
  for (let i = 0; i < length; i++) {
    if (map[units[i] as number] === 1) return true;
  }
  return false;
}

/**
 * Converts a buffer of UTF-16 units in place when no phrase-sensitive character is present (the common case);
 * returns false, leaving the buffer untouched, when the phrase-aware path is needed.
 */
export function simplifyUnitsInPlace(units: Uint16Array, length: number): boolean {
  const { simplified, phraseSensitive } = getTables();
  for (let i = 0; i < length; i++) if (phraseSensitive[units[i] as number] === 1) return false;
  for (let i = 0; i < length; i++) {
    const u = units[i] as number;
    units[i] = simplified[u] || u;
  }
  return true;
}

/**
 * Converts to simplified Chinese keeping exactly one output UTF-16 unit per input unit, so offsets stay aligned.
 * Phrase-level conversion is used whenever it keeps the length; otherwise each character is converted alone.
 */
export function toSimplifiedAligned(text: string): string {
  const { simplified, phraseSensitive, longestPhrase } = getTables();
  const out = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out[i] = simplified[u] || u;
  }
  // Around each phrase-sensitive character, let OpenCC decide: any phrase that contains it lies within
  // longestPhrase - 1 characters on either side.
  const reach = longestPhrase - 1;
  for (let i = 0; i < text.length; i++) {
    if (phraseSensitive[text.charCodeAt(i)] !== 1) continue;
    const from = Math.max(0, i - reach);
    let to = Math.min(text.length, i + reach + 1);
    for (let j = i + 1; j < to; j++)
      if (phraseSensitive[text.charCodeAt(j)] === 1) to = Math.min(text.length, j + reach + 1);
    convertWindow(text, from, to, out);
    i = to - 1;
  }
  let result = '';
  for (let i = 0; i < out.length; i += 8192) {
    result += String.fromCharCode.apply(null, out.subarray(i, i + 8192) as unknown as number[]);
  }
  return result;
}

/** Phrase-aware conversion of text[from, to) into out, one unit per unit (per character when lengths differ). */
function convertWindow(text: string, from: number, to: number, out: Uint16Array): void {
  const convert = getConverter();
  const slice = text.slice(from, to);
  const whole = convert(slice);
  for (let k = 0; k < slice.length; k++) {
    if (whole.length === slice.length) {
      out[from + k] = whole.charCodeAt(k);
    } else {
      const alone = convert(slice[k] as string);
      out[from + k] = alone.length === 1 ? alone.charCodeAt(0) : slice.charCodeAt(k);
    }
  }
}
