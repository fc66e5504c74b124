// Segmentation throughput: our segment() (normalization + traditional→simplified + jieba) against raw
// @node-rs/jieba cut() on the same messages, one call per message as the product makes them.
import { normalizeText } from '../text/fast-normalize.ts';
import { baseJieba } from '../text/jieba.ts';
import { createTokenizer } from '../text/tokenizer.ts';

export interface SegmentationBench {
  messages: number;
  chars: number;
  rounds: number;
  rawJiebaCharsPerSecond: number;
  segmentCharsPerSecond: number;
  /** normalizeText() alone: what segment() adds before jieba */
  normalizeCharsPerSecond: number;
  /** raw jieba on the already normalized messages: jieba's own cost changes with the text (simplified words
   * are found in its dictionary, traditional characters mostly are not) */
  rawJiebaOnNormalizedCharsPerSecond: number;
  /** tokenize(): offsets + POS + English tagging, the full path (for information) */
  tokenizeCharsPerSecond: number;
  /** median over paired trials of (our time / raw jieba time): 1.0 means no overhead; the target is ≤ 1.5 */
  slowdown: number;
}

/** Each timed pass covers at least this many characters, so a pass lasts long enough to time reliably. */
const MIN_CHARS_PER_PASS = 400_000;

function seconds(texts: readonly string[], fn: (text: string) => unknown, repeat = 1): number {
  const started = performance.now();
  for (let r = 0; r < repeat; r++) for (const t of texts) fn(t);
  return (performance.now() - started) / 1000 / repeat;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Paired trials: raw jieba and our segment() run back to back on every message, so load from other processes
 * hits both alike; the reported rates and slowdown are medians over the trials.
 */
export function benchSegmentation(texts: readonly string[], opts: { rounds?: number } = {}): SegmentationBench {
  const rounds = opts.rounds ?? 15;
  const jieba = baseJieba();
  const tokenizer = createTokenizer();
  const hmm = tokenizer.hmm;
  const chars = texts.reduce((n, t) => n + t.length, 0);
  const repeat = Math.max(1, Math.ceil(MIN_CHARS_PER_PASS / Math.max(1, chars)));
  const raw = (t: string) => jieba.cut(t, hmm);
  const ours = (t: string) => tokenizer.segment(t);
  seconds(texts, raw); // warm up the JIT and the lazy tables
  seconds(texts, ours);
  const rawTimes: number[] = [];
  const ourTimes: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // message by message, alternating which side goes first: both see the same machine load and the same
    // garbage-collection pressure (timer overhead is well under 1% of a message's cost)
    let a = 0;
    let b = 0;
    for (let k = 0; k < repeat; k++) {
      for (let m = 0; m < texts.length; m++) {
        const t = texts[m] as string;
        const t0 = performance.now();
        if ((m + k) % 2 === 0) raw(t);
        else ours(t);
        const t1 = performance.now();
        if ((m + k) % 2 === 0) ours(t);
        else raw(t);
        const t2 = performance.now();
        if ((m + k) % 2 === 0) {
          a += t1 - t0;
          b += t2 - t1;
        } else {
          b += t1 - t0;
          a += t2 - t1;
        }
      }
    }
    rawTimes.push(a / 1000 / repeat);
    ourTimes.push(b / 1000 / repeat);
    ratios.push(b / a);
  }
  const tokenize = chars / seconds(texts, (t) => tokenizer.tokenize(t));
  const normalizeOnly =
    chars / median(Array.from({ length: 5 }, () => seconds(texts, (t) => normalizeText(t), repeat)));
  const normalized = texts.map((t) => normalizeText(t));
  const jiebaNormalized = chars / median(Array.from({ length: 5 }, () => seconds(normalized, raw, repeat)));
  return {
    messages: texts.length,
    chars,
    rounds,
    rawJiebaCharsPerSecond: Math.round(chars / median(rawTimes)),
    segmentCharsPerSecond: Math.round(chars / median(ourTimes)),
    normalizeCharsPerSecond: Math.round(normalizeOnly),
    rawJiebaOnNormalizedCharsPerSecond: Math.round(jiebaNormalized),
    tokenizeCharsPerSecond: Math.round(tokenize),
    slowdown: Math.round(median(ratios) * 100) / 100,
  };
}
