// Homophone lookup for typos ("腿款" for 退款, "发飘" for 发票): the index keeps, for every pinyin bigram, the Han
// character bigrams it has seen with that sound and how often. A query bigram is then also looked up through the
// indexed bigrams that sound the same. Cheaper than indexing pinyin terms: one small map instead of a posting each.
import { charPinyin } from './pinyin.ts';

const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/;
const MAX_SOUNDALIKES = 4;

export function pinyinBigram(a: string, b: string): string {
  return `${charPinyin(a)} ${charPinyin(b)}`;
}

export class HomophoneMap {
  private bySound = new Map<string, Map<string, number>>();

  /** `bigramKeys`: index term keys of kind "b" ("b退 款"). */
  add(bigramKeys: Iterable<string>, delta: 1 | -1): void {
    for (const key of bigramKeys) {
      const a = key[1] as string;
      const b = key[3] as string;
      if (key.length !== 4 || !HAN.test(a) || !HAN.test(b)) continue;
      const sound = pinyinBigram(a, b);
      let bucket = this.bySound.get(sound);
      if (!bucket) {
        if (delta < 0) continue;
        bucket = new Map();
        this.bySound.set(sound, bucket);
      }
      const n = (bucket.get(key) ?? 0) + delta;
      if (n <= 0) bucket.delete(key);
      else bucket.set(key, n);
      if (bucket.size === 0) this.bySound.delete(sound);
    }
  }

  /** Indexed bigram keys that sound like a + b (not a + b itself), the most frequent first. */
  soundalikes(a: string, b: string): string[] {
    const bucket = this.bySound.get(pinyinBigram(a, b));
    if (!bucket) return [];
    const self = `b${a} ${b}`;
    return [...bucket.entries()]
      .filter(([key]) => key !== self)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, MAX_SOUNDALIKES)
      .map(([key]) => key);
  }
}
