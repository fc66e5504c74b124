// Tokenizer: jieba (with the workspace's user dictionary) for Chinese runs, wink-nlp for English runs, emoji as
// their own tokens. Works on the normalized text and reports offsets into the original text.
import type { Jieba } from '@node-rs/jieba';
import type { Normalized, Token, UserDictionaryEntry } from '../types.ts';
import { isEmojiPart, isEmojiStart } from './char-class.ts';
import { tagEnglish } from './english.ts';
import { normalizeText } from './fast-normalize.ts';
import { jiebaFor } from './jieba.ts';
import { normalize, toOriginalSpan } from './normalize.ts';

export interface TokenizerOptions {
  /** Workspace words (products, brands, slang) jieba must keep whole. */
  userDictionary?: UserDictionaryEntry[];
  /** Use jieba's HMM for words not in the dictionary (default false: HMM words come back untagged as 'x'). */
  hmm?: boolean;
}

export interface Tokenizer {
  tokenize(input: string | Normalized): Token[];
  /** Fast path: normalized words only (no offsets, no POS, no English tagging). */
  segment(text: string): string[];
  readonly jieba: Jieba;
  readonly hmm: boolean;
}

/** A token of the normalized text before it is mapped back to the original. */
interface Piece {
  start: number;
  end: number;
  pos: string;
}

export function createTokenizer(opts: TokenizerOptions = {}): Tokenizer {
  const jieba = jiebaFor(opts.userDictionary);
  const hmm = opts.hmm ?? false;

  function tokenize(input: string | Normalized): Token[] {
    const norm = typeof input === 'string' ? normalize(input) : input;
    const pieces = tokenizeNormalized(norm.normalized, jieba, hmm);
    return pieces.map((p) => {
      const span = toOriginalSpan(norm, p.start, p.end);
      return {
        text: norm.original.slice(span.start, span.end),
        start: span.start,
        end: span.end,
        pos: p.pos,
        norm: norm.normalized.slice(p.start, p.end),
      };
    });
  }

  function segment(text: string): string[] {
    const words = jieba.cut(normalizeText(text), hmm);
    return words.filter((w) => w !== ' ');
  }

  return { tokenize, segment, jieba, hmm };
}

let shared: Tokenizer | undefined;

/** The process-wide tokenizer without a user dictionary (created on first use). */
export function defaultTokenizer(): Tokenizer {
  shared ??= createTokenizer();
  return shared;
}

/** Splits the normalized text at emoji, then hands each run to jieba or wink. */
export function tokenizeNormalized(text: string, jieba: Jieba, hmm: boolean): Piece[] {
  const out: Piece[] = [];
  let runStart = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    if (!isEmojiStart(cp)) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    if (i > runStart) tokenizeRun(text, runStart, i, jieba, hmm, out);
    let end = i + (cp > 0xffff ? 2 : 1);
    // one emoji token = the pictograph plus its modifiers, joiners and what they join (👨‍👩‍👧, 👍🏽, flags)
    while (end < text.length) {
      const next = text.codePointAt(end) as number;
      const prev = text.charCodeAt(end - 1);
      const joins = prev === 0x200d || next === 0x200d || next === 0xfe0f || next === 0x20e3;
      const modifies = (next >= 0x1f3fb && next <= 0x1f3ff) || (next >= 0xe0020 && next <= 0xe007f);
      const flagPair = next >= 0x1f1e6 && next <= 0x1f1ff && isRegional(text.codePointAt(i) as number) && end - i === 2;
      if (!(isEmojiPart(next) && (joins || modifies || flagPair))) break;
      end += next > 0xffff ? 2 : 1;
    }
    out.push({ start: i, end, pos: 'emoji' });
    i = end;
    runStart = end;
  }
  if (runStart < text.length) tokenizeRun(text, runStart, text.length, jieba, hmm, out);
  return out;
}

function isRegional(cp: number): boolean {
  return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

function tokenizeRun(text: string, start: number, end: number, jieba: Jieba, hmm: boolean, out: Piece[]): void {
  const run = text.slice(start, end);
  if (!HAN.test(run)) {
    pushEnglish(run, start, out);
    return;
  }
  const words: Array<{ at: number; end: number; tag: string; latin: boolean }> = [];
  let cursor = 0;
  for (const { word, tag } of jieba.tag(run, hmm)) {
    let at = run.startsWith(word, cursor) ? cursor : run.indexOf(word, cursor);
    if (at < 0) at = cursor; // defensive: jieba returns slices of its input
    cursor = at + word.length;
    words.push({ at, end: cursor, tag, latin: !HAN.test(word) });
  }
  // A stretch of non-Han words that holds an English word goes to wink whole, so English gets English POS tags.
  for (let i = 0; i < words.length; ) {
    const w = words[i] as (typeof words)[number];
    if (!w.latin) {
      out.push({ start: start + w.at, end: start + w.end, pos: w.tag });
      i++;
      continue;
    }
    let j = i;
    let hasEnglish = false;
    while (j < words.length && (words[j] as (typeof words)[number]).latin) {
      if ((words[j] as (typeof words)[number]).tag === 'eng') hasEnglish = true;
      j++;
    }
    const last = words[j - 1] as (typeof words)[number];
    if (hasEnglish) {
      pushEnglish(run.slice(w.at, last.end), start + w.at, out);
    } else {
      for (let k = i; k < j; k++) {
        const p = words[k] as (typeof words)[number];
        if (run.slice(p.at, p.end).trim().length > 0) out.push({ start: start + p.at, end: start + p.end, pos: p.tag });
      }
    }
    i = j;
  }
}

/** Longer space-free stretches (pasted hashes, "a.a.a.…") make wink's tokenizer slow, and are no words anyway. */
const MAX_ENGLISH_WORD = 64;

function pushEnglish(run: string, offset: number, out: Piece[]): void {
  const long = new RegExp(`\\S{${MAX_ENGLISH_WORD + 1},}`, 'g');
  let from = 0;
  for (const m of run.matchAll(long)) {
    const at = m.index ?? 0;
    for (const t of tagEnglish(run.slice(from, at)))
      out.push({ start: offset + from + t.start, end: offset + from + t.end, pos: t.pos });
    out.push({ start: offset + at, end: offset + at + m[0].length, pos: 'X' });
    from = at + m[0].length;
  }
  for (const t of tagEnglish(run.slice(from)))
    out.push({ start: offset + from + t.start, end: offset + from + t.end, pos: t.pos });
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]|[\ud840-\ud8bf][\udc00-\udfff]/;
