// Per-message language detection from the script of the letters: Han characters against Latin words.
// Digits, punctuation and emoji carry no language. A few Latin words inside Chinese ("我要退iPhone") stay 'zh'.
import type { Language } from '../types.ts';
import { isHan, isLatinLetter } from './char-class.ts';

/** Share of Han characters (among Han chars + Latin words) at or above which a text is Chinese. */
const ZH_SHARE = 0.7;
/** Share at or below which a text is English. */
const EN_SHARE = 0.25;

export function detectLanguage(text: string): Language {
  if (typeof text !== 'string' || text.length === 0) return 'unknown';
  let han = 0;
  let latinWords = 0;
  let inWord = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    const folded = cp >= 0xff21 && cp <= 0xff5a ? cp - 0xfee0 : cp; // full-width letters count as Latin
    if (isHan(folded)) {
      han++;
      inWord = false;
    } else if (isLatinLetter(folded)) {
      if (!inWord) latinWords++;
      inWord = true;
    } else if (folded !== 0x27 && folded !== 0x2019) {
      inWord = false; // apostrophes keep "don't" one word
    }
  }
  if (han === 0 && latinWords === 0) return 'unknown';
  if (latinWords === 0) return 'zh';
  if (han === 0) return 'en';
  const share = han / (han + latinWords);
  if (share >= ZH_SHARE) return 'zh';
  if (share <= EN_SHARE) return 'en';
  return 'mixed';
}
