// Homophone lookup for typos ("腿款" for 退款, "发飘" for 发票): the index keeps, for every pinyin bigram, the Han
// character bigrams it has seen with that sound. A query bigram is then also looked up through the indexed bigrams
// that sound the same. Cheaper than indexing pinyin terms: one small map of distinct bigrams instead of a posting
// per occurrence. Bigrams that left the index are filtered out at lookup (document frequency 0), so removal is free.
import { charPinyin } from './pinyin.ts';

const MAX_SOUNDALIKES = 4;

function isHan(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

export function pinyinBigram(a: string, b: string): string {
  return `${charPinyin(a)} ${charPinyin(b)}`;
}

export class HomophoneMap {
  private bySound = new Map<string, Set<string>>();

  /** Records an index term key of kind "b" ("b退 款") the first time the index sees it. */
  addKey(key: string): void {
    if (key.length !== 4 || key.charCodeAt(0) !== 98) return;
    const a = key[1] as string;
    const b = key[3] as string;
    if (!isHan(a) || !isHan(b)) return;
    const sound = pinyinBigram(a, b);
    let bucket = this.bySound.get(sound);
    if (!bucket) {
      bucket = new Set();
      this.bySound.set(sound, bucket);
    }
    bucket.add(key);
  }

  /** Indexed bigram keys that sound like a + b (not a + b itself), the most frequent first. */
  soundalikes(a: string, b: string, df: (key: string) => number): string[] {
    if (!isHan(a) || !isHan(b)) return [];
    const bucket = this.bySound.get(pinyinBigram(a, b));
    if (!bucket) return [];
    const self = `b${a} ${b}`;
    const out: { key: string; df: number }[] = [];
    for (const key of bucket) {
      if (key === self) continue;
      const n = df(key);
      if (n > 0) out.push({ key, df: n });
    }
    return out
      .sort((x, y) => y.df - x.df || (x.key < y.key ? -1 : 1))
      .slice(0, MAX_SOUNDALIKES)
      .map((x) => x.key);
  }
}
