// Character features for the sequence labeller, hashed to 32-bit ids. Each position of the normalized text gets:
// char unigrams/bigrams/trigrams in a ±2 window, character types, the jieba word it sits in (its position in the
// word, POS, the word itself, neighbouring POS) and dictionary matches covering it.
import type { Jieba } from '@node-rs/jieba';

export interface SequenceFeatures {
  /** feature ids of position i are ids[offsets[i] .. offsets[i+1]) */
  ids: Int32Array;
  offsets: Int32Array;
  length: number;
}

/** Known words by type, already normalized (lowercase, simplified). */
export type Gazetteer = ReadonlyMap<string, string>;

export interface FeatureContext {
  jieba: Jieba;
  gazetteer?: Gazetteer;
  /** the lengths of the gazetteer words starting with each character (see indexGazetteer) */
  gazetteerIndex?: Map<string, number[]>;
}

/** Which word lengths start with each character, so matching tries only lengths that exist. */
export function indexGazetteer(gazetteer: Gazetteer): Map<string, number[]> {
  const index = new Map<string, Set<number>>();
  for (const word of gazetteer.keys()) {
    if (word.length < 2) continue;
    const first = word[0] as string;
    const lengths = index.get(first) ?? new Set<number>();
    lengths.add(word.length);
    index.set(first, lengths);
  }
  return new Map([...index].map(([c, lengths]) => [c, [...lengths].sort((a, b) => a - b)]));
}

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

function charType(c: string): string {
  const u = c.charCodeAt(0);
  if (u >= 0x30 && u <= 0x39) return 'D';
  if ((u >= 0x61 && u <= 0x7a) || (u >= 0x41 && u <= 0x5a)) return 'L';
  if (u >= 0x3400 && u <= 0x9fff) return 'H';
  if (u === 0x20) return 'S';
  if (u < 0x80 || (u >= 0x3000 && u <= 0x303f) || (u >= 0xff00 && u <= 0xffef) || (u >= 0x2000 && u <= 0x206f)) {
    return 'P';
  }
  return 'O';
}

/** Word segmentation facts for every position: B/M/E/S in its word, the word's POS and text. */
function wordFacts(text: string, jieba: Jieba) {
  const n = text.length;
  const place = new Array<string>(n);
  const pos = new Array<string>(n);
  const word = new Array<string>(n);
  const prevPos = new Array<string>(n);
  const nextPos = new Array<string>(n);
  const tagged = jieba.tag(text, false);
  let at = 0;
  let previous = '^';
  for (let w = 0; w < tagged.length; w++) {
    const { word: text_, tag } = tagged[w] as { word: string; tag: string };
    const following = (tagged[w + 1] as { tag: string } | undefined)?.tag ?? '$';
    const len = text_.length;
    for (let k = 0; k < len && at + k < n; k++) {
      place[at + k] = len === 1 ? 'S' : k === 0 ? 'B' : k === len - 1 ? 'E' : 'M';
      pos[at + k] = tag;
      word[at + k] = len > 1 && len <= 6 ? text_ : '';
      prevPos[at + k] = previous;
      nextPos[at + k] = following;
    }
    at += len;
    previous = tag;
  }
  return { place, pos, word, prevPos, nextPos };
}

/** Dictionary matches: the list of "type:B|M|E|S" marks at each position. */
function dictionaryMarks(text: string, gazetteer: Gazetteer, index: Map<string, number[]>): string[][] {
  const marks: string[][] = Array.from({ length: text.length }, () => []);
  for (let i = 0; i < text.length; i++) {
    const lengths = index.get(text[i] as string);
    if (!lengths) continue;
    for (const len of lengths) {
      if (i + len > text.length) break;
      const type = gazetteer.get(text.slice(i, i + len));
      if (type === undefined) continue;
      for (let k = 0; k < len; k++) {
        (marks[i + k] as string[]).push(`${type}:${k === 0 ? 'B' : k === len - 1 ? 'E' : 'M'}`);
      }
    }
  }
  return marks;
}

export function extractFeatures(text: string, ctx: FeatureContext): SequenceFeatures {
  const n = text.length;
  const c = (i: number) => (i < 0 ? '^' : i >= n ? '$' : (text[i] as string));
  const t = (i: number) => (i < 0 ? '^' : i >= n ? '$' : charType(text[i] as string));
  const words = wordFacts(text, ctx.jieba);
  const marks =
    ctx.gazetteer && ctx.gazetteer.size > 0
      ? dictionaryMarks(text, ctx.gazetteer, ctx.gazetteerIndex ?? indexGazetteer(ctx.gazetteer))
      : undefined;
  const ids: number[] = [];
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    offsets[i] = ids.length;
    const c0 = c(i);
    const cm1 = c(i - 1);
    const cp1 = c(i + 1);
    const cm2 = c(i - 2);
    const cp2 = c(i + 2);
    const place = words.place[i] ?? 'S';
    const pos = words.pos[i] ?? 'x';
    ids.push(
      fnv1a('b'),
      fnv1a(`u0${c0}`),
      fnv1a(`u-1${cm1}`),
      fnv1a(`u1${cp1}`),
      fnv1a(`u-2${cm2}`),
      fnv1a(`u2${cp2}`),
      fnv1a(`b-1${cm1}${c0}`),
      fnv1a(`b0${c0}${cp1}`),
      fnv1a(`b-2${cm2}${cm1}`),
      fnv1a(`b1${cp1}${cp2}`),
      fnv1a(`t0${cm1}${c0}${cp1}`),
      fnv1a(`t-1${cm2}${cm1}${c0}`),
      fnv1a(`t1${c0}${cp1}${cp2}`),
      fnv1a(`y${t(i - 1)}${t(i)}${t(i + 1)}`),
      fnv1a(`wp${place}${pos}`),
      fnv1a(`wc${place}${c0}`),
      fnv1a(`pp${words.prevPos[i]}${place}${pos}`),
      fnv1a(`np${pos}${place}${words.nextPos[i]}`),
    );
    const word = words.word[i];
    if (word) ids.push(fnv1a(`w${place}${word}`));
    for (const mark of marks?.[i] ?? []) ids.push(fnv1a(`d${mark}`));
  }
  offsets[n] = ids.length;
  return { ids: Int32Array.from(ids), offsets, length: n };
}
