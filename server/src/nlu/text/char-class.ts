// Character classes used by normalization, language detection and tokenization.
// Code-point based so surrogate pairs (emoji, CJK extension B…) are handled as one character.

export function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x323af) ||
    cp === 0x3007 // 〇, a Han numeral
  );
}

export function isLatinLetter(cp: number): boolean {
  return (
    (cp >= 0x61 && cp <= 0x7a) ||
    (cp >= 0x41 && cp <= 0x5a) ||
    (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7)
  );
}

export function isAsciiDigit(cp: number): boolean {
  return cp >= 0x30 && cp <= 0x39;
}

const EXTENDED_PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

/** A code point that starts or continues an emoji sequence (pictographs, skin tones, flags, keycaps, tags). */
export function isEmojiPart(cp: number): boolean {
  if (cp < 0xa9) return false;
  if (cp === 0x200d || cp === 0xfe0f || cp === 0x20e3) return true;
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return true; // skin-tone modifiers
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return true; // regional indicators (flags)
  if (cp >= 0xe0020 && cp <= 0xe007f) return true; // tag sequences (subdivision flags)
  return EXTENDED_PICTOGRAPHIC.test(String.fromCodePoint(cp));
}

/** Only the code points that can begin an emoji token (joiners and modifiers cannot stand alone). */
export function isEmojiStart(cp: number): boolean {
  if (cp === 0x200d || cp === 0xfe0f || cp === 0x20e3) return false;
  if (cp >= 0xe0020 && cp <= 0xe007f) return false;
  return isEmojiPart(cp);
}

export function isWhitespace(cp: number): boolean {
  return (
    cp === 0x20 ||
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000 ||
    cp === 0x85
  );
}

/** Invisible characters we drop: C0/C1 controls (whitespace excluded), zero-width spaces, bidi marks, BOM. */
export function isDroppable(cp: number): boolean {
  if (cp < 0x20) return !isWhitespace(cp);
  if (cp >= 0x7f && cp <= 0x9f) return cp !== 0x85;
  return (
    cp === 0x200b ||
    cp === 0x200c ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0xfeff
  );
}

/** CJK and full-width punctuation, treated as punctuation tokens. */
export function isPunctuation(cp: number): boolean {
  if (cp < 0x80) {
    return (
      (cp >= 0x21 && cp <= 0x2f) ||
      (cp >= 0x3a && cp <= 0x40) ||
      (cp >= 0x5b && cp <= 0x60) ||
      (cp >= 0x7b && cp <= 0x7e)
    );
  }
  return (
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0x2010 && cp <= 0x205e) ||
    (cp >= 0xff01 && cp <= 0xff0f) ||
    (cp >= 0xff1a && cp <= 0xff20) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    cp === 0xb7
  );
}
