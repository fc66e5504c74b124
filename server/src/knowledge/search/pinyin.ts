// Toneless pinyin of single Han characters, cached: homophone typos of real chats ("腿款" for 退款, "发飘" for 发票)
// share their pinyin with the intended word, so pinyin bigrams match where the characters do not.
import { pinyin } from 'pinyin-pro';

const cache = new Map<string, string>();

/** The most common toneless reading of one Han character ("退" → "tui"); the character itself when it has none. */
export function charPinyin(ch: string): string {
  let py = cache.get(ch);
  if (py === undefined) {
    py = pinyin(ch, { toneType: 'none', type: 'string' }) || ch;
    if (!/^[a-zü]+$/.test(py)) py = ch;
    cache.set(ch, py);
  }
  return py;
}
