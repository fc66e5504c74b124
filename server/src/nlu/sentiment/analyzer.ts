// Lexicon sentiment: polarity words scaled by degree words, flipped or softened by negators, clauses after
// "but"-words weighted up, plus emojis and exclamation marks. Works with no training data in zh and en; a trained
// model (train.ts) adds a linear layer on top of these same scores.
import { EMOJI } from './emoji.ts';
import { enLexicon } from './lexicon-en.ts';
import type { Emotion, SentimentLexicon } from './lexicon-types.ts';
import { zhLexicon } from './lexicon-zh.ts';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface SentimentResult {
  /** Polarity in [-1, 1]. */
  score: number;
  label: SentimentLabel;
  /** Intensity 0..1 of each emotion. */
  emotions: Record<Emotion, number>;
}

/** Raw lexicon evidence, also used as features by trained models. */
export interface LexiconEvidence {
  positive: number;
  negative: number;
  emotions: Record<Emotion, number>;
  exclamations: number;
}

type Unit =
  | { kind: 'polar'; value: number; word: string }
  | { kind: 'negator' }
  | { kind: 'degree'; value: number }
  | { kind: 'contrast' }
  | { kind: 'emoji'; value: number; emotion?: Emotion }
  | { kind: 'break' }
  | { kind: 'other' };

interface Matcher {
  lexicon: SentimentLexicon;
  entries: Map<string, Unit>;
  /** every proper prefix of an entry: the longest match extends a candidate only while it is one */
  prefixes: Set<string>;
  maxLength: number;
}

function buildMatcher(lexicon: SentimentLexicon): Matcher {
  const entries = new Map<string, Unit>();
  for (const [w, v] of Object.entries(lexicon.polarity)) entries.set(w, { kind: 'polar', value: v, word: w });
  // emotion words without an explicit polarity get one from their emotion (urgency is only mildly negative)
  for (const [w, feel] of Object.entries(lexicon.emotions)) {
    if (entries.has(w)) continue;
    const value =
      2 * (feel.satisfaction ?? 0) -
      2 * (feel.anger ?? 0) -
      1.5 * (feel.disappointment ?? 0) -
      0.5 * (feel.anxiety ?? 0);
    entries.set(w, { kind: 'polar', value, word: w });
  }
  for (const w of lexicon.negators) entries.set(w, { kind: 'negator' });
  for (const [w, v] of Object.entries(lexicon.degrees))
    if (!entries.has(w)) entries.set(w, { kind: 'degree', value: v });
  for (const w of lexicon.contrasts) if (!entries.has(w)) entries.set(w, { kind: 'contrast' });
  let maxLength = 1;
  const prefixes = new Set<string>();
  for (const w of entries.keys()) {
    maxLength = Math.max(maxLength, w.length);
    for (let n = 1; n < w.length; n++) prefixes.add(w.slice(0, n));
  }
  return { lexicon, entries, prefixes, maxLength };
}

const zh = buildMatcher(zhLexicon);
const en = buildMatcher(enLexicon);

const BREAK = /[,.!?;:，。！？；：\n…~～]/;
const EXCLAMATION = /[!！]/g;
const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}']/u;
const EMOTIONS: Emotion[] = ['anger', 'anxiety', 'disappointment', 'satisfaction'];

// What a character is for the splitter, tested once per distinct character: three Unicode-property regexes per
// character of every message were most of the splitting time. BREAK and WORD share no character, so WORD_CHAR is
// exactly "WORD and not HAN".
const OTHER_CHAR = 0;
const BREAK_CHAR = 1;
const HAN_CHAR = 2;
const WORD_CHAR = 3;
const CHAR_CLASSES = new Map<string, number>();
function classOf(ch: string): number {
  let c = CHAR_CLASSES.get(ch);
  if (c === undefined) {
    c = BREAK.test(ch) ? BREAK_CHAR : HAN.test(ch) ? HAN_CHAR : WORD.test(ch) ? WORD_CHAR : OTHER_CHAR;
    // bounded: hostile text could hold every code point
    if (CHAR_CLASSES.size < 50_000) CHAR_CLASSES.set(ch, c);
  }
  return c;
}
/** The first character of every emoji entry: any other character skips the two emoji look-ups. */
const EMOJI_FIRST = new Set(Object.keys(EMOJI).map((k) => [...k][0] as string));
// shared, never mutated: a message's units are read, not changed
const OTHER: Unit = { kind: 'other' };
const BREAK_UNIT: Unit = { kind: 'break' };

/** Splits text into lexicon units: longest match over Han text, whole words (and word pairs) elsewhere. */
function units(text: string): Unit[] {
  const out: Unit[] = [];
  const chars = [...text.normalize('NFKC').toLowerCase()];
  let prevWord = '';
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    if (EMOJI_FIRST.has(ch)) {
      const two = ch + (chars[i + 1] ?? '');
      const emoji = EMOJI[two] ?? EMOJI[ch];
      if (emoji) {
        out.push({ kind: 'emoji', value: emoji.polarity, emotion: emoji.emotion });
        i += EMOJI[two] ? 2 : 1;
        continue;
      }
    }
    const kind = classOf(ch);
    if (kind === BREAK_CHAR) {
      out.push(BREAK_UNIT);
      i++;
      continue;
    }
    if (kind === HAN_CHAR) {
      // longest match, extended forward while the candidate is still the prefix of some entry
      const limit = Math.min(zh.maxLength, chars.length - i);
      let candidate = ch;
      let matched: Unit | undefined;
      let matchedLength = 0;
      for (let len = 1; len <= limit; len++) {
        if (len > 1) candidate += chars[i + len - 1]!;
        const unit = zh.entries.get(candidate);
        if (unit) {
          matched = unit;
          matchedLength = len;
        }
        if (!zh.prefixes.has(candidate)) break;
      }
      if (matched) {
        out.push(matched);
        i += matchedLength;
      } else {
        out.push(OTHER);
        i++;
      }
      continue;
    }
    if (kind === WORD_CHAR) {
      let j = i;
      while (j < chars.length && classOf(chars[j]!) === WORD_CHAR) j++;
      for (const w of splitClitics(chars.slice(i, j).join(''))) {
        // "a bit" / "a little" soften like a degree word
        if ((w === 'bit' || w === 'little') && prevWord === 'a') out.push({ kind: 'degree', value: 0.6 });
        else out.push(en.entries.get(w) ?? zh.entries.get(w) ?? OTHER);
        prevWord = w;
      }
      i = j;
      continue;
    }
    i++;
  }
  return out;
}

/** "don't" → "do", "n't"; "it's" → "it", "'s". */
function splitClitics(word: string): string[] {
  const m = /^(.+)(n't)$/.exec(word);
  if (m) return [m[1]!, m[2]!];
  return word.split(/(?=')/);
}

export function lexiconEvidence(text: string): LexiconEvidence {
  const list = units(text);
  const emotions: Record<Emotion, number> = { anger: 0, anxiety: 0, disappointment: 0, satisfaction: 0 };
  let positive = 0;
  let negative = 0;
  // clause weights: what follows a contrast word outweighs what precedes it
  let clauseWeight = 1;
  let modifiers: Unit[] = [];
  const contributions: Array<{ value: number; weight: number }> = [];
  for (const u of list) {
    if (u.kind === 'break') {
      modifiers = [];
      continue;
    }
    if (u.kind === 'contrast') {
      for (const c of contributions) c.weight *= 0.6;
      clauseWeight = 1.3;
      modifiers = [];
      continue;
    }
    if (u.kind === 'negator' || u.kind === 'degree') {
      modifiers.push(u);
      if (modifiers.length > 3) modifiers.shift();
      continue;
    }
    if (u.kind === 'other') continue;
    if (u.kind === 'emoji') {
      contributions.push({ value: u.value, weight: clauseWeight });
      if (u.emotion) emotions[u.emotion] += 0.8;
      continue;
    }
    const { value, negated, degree } = applyModifiers(u.value, modifiers);
    contributions.push({ value, weight: clauseWeight });
    const feel = zhLexicon.emotions[u.word] ?? enLexicon.emotions[u.word];
    if (feel && !negated) for (const e of EMOTIONS) emotions[e] += (feel[e] ?? 0) * degree;
    if (feel?.satisfaction && negated) emotions.disappointment += feel.satisfaction * 0.6;
    modifiers = [];
  }
  for (const c of contributions) {
    const v = c.value * c.weight;
    if (v > 0) positive += v;
    else negative -= v;
  }
  const exclamations = (text.match(EXCLAMATION) ?? []).length;
  return { positive, negative, emotions, exclamations };
}

/** Negator then degree ("不太满意", "not very good") softens and flips; degree then negator ("太不…") intensifies. */
function applyModifiers(value: number, modifiers: Unit[]): { value: number; negated: boolean; degree: number } {
  let negations = 0;
  let degree = 1;
  for (const m of modifiers) {
    if (m.kind === 'negator') negations++;
    else if (m.kind === 'degree') degree *= negations > 0 ? 0.5 : m.value;
  }
  const negated = negations % 2 === 1;
  if (!negated) return { value: value * degree, negated, degree };
  // "not bad" is mildly good; "not good" is nearly as bad as "bad"
  const flipped = value < 0 ? -value * 0.5 : -value * 0.8;
  return { value: flipped * degree, negated, degree };
}

/** Maps evidence to the public result; `bias` lets a trained model shift the polarity. */
export function resultFromEvidence(ev: LexiconEvidence, polarityOverride?: number): SentimentResult {
  const raw = ev.positive - ev.negative;
  const boost = 1 + Math.min(3, ev.exclamations) * 0.15;
  const score = polarityOverride ?? Math.tanh((raw * boost) / 2.5);
  const emotions = { ...ev.emotions };
  if (score < 0 && ev.exclamations > 0) emotions.anger += 0.2 * Math.min(3, ev.exclamations);
  const out = {} as Record<Emotion, number>;
  for (const e of EMOTIONS) out[e] = round(1 - Math.exp(-emotions[e] * boost));
  return { score: round(score), label: labelOf(score), emotions: out };
}

export function labelOf(score: number): SentimentLabel {
  if (score >= 0.15) return 'positive';
  if (score <= -0.15) return 'negative';
  return 'neutral';
}

const round = (x: number) => Math.round(x * 1000) / 1000;
