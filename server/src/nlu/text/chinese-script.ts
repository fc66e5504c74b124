// Traditional → simplified Chinese through opencc-js ('t' → 'cn', phrase-aware). The converter is built once.
// Most customer text is already simplified, so a bitmap of the characters the converter changes lets us skip
// the (comparatively slow) conversion entirely when a text has none of them.
import * as OpenCC from 'opencc-js';

type Convert = (text: string) => string;

let converter: Convert | undefined;
let changes: Uint8Array | undefined;

const BMP_HAN_RANGES: Array<[number, number]> = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

function getConverter(): Convert {
  if (!converter) converter = OpenCC.Converter({ from: 't', to: 'cn' }) as Convert;
  return converter;
}

/** One byte per BMP code point: 1 when converting that character alone changes it. */
export function getChangeMap(): Uint8Array {
  if (changes) return changes;
  const convert = getConverter();
  const map = new Uint8Array(0x10000);
  for (const [from, to] of BMP_HAN_RANGES) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCharCode(cp);
      if (convert(ch) !== ch) map[cp] = 1;
    }
  }
  changes = map;
  return map;
}

/** Does the text contain any character the traditional→simplified converter would change? */
export function hasTraditional(units: ArrayLike<number>, length: number): boolean {
  const map = getChangeMap();
  for (let i = 0; i < length; i++) {
    if (map[units[i] as number] === 1) return true;
  }
  return false;
}

/**
 * Converts to simplified Chinese keeping exactly one output UTF-16 unit per input unit, so offsets stay aligned.
 * Phrase-level conversion is used whenever it keeps the length; otherwise each character is converted alone.
 */
export function toSimplifiedAligned(text: string): string {
  const convert = getConverter();
  const whole = convert(text);
  if (whole.length === text.length) return whole;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const converted = convert(ch);
    out += converted.length === 1 ? converted : ch;
  }
  return out;
}
