// Segmentation throughput: our segment() (normalization + traditional→simplified + jieba) against raw
// @node-rs/jieba cut() on the same messages, one call per message as the product makes them.
import { baseJieba } from '../text/jieba.ts';
import { createTokenizer } from '../text/tokenizer.ts';

export interface SegmentationBench {
  messages: number;
  chars: number;
  rounds: number;
  rawJiebaCharsPerSecond: number;
  segmentCharsPerSecond: number;
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
 * Paired trials: each trial times raw jieba and our segment() back to back on the same messages, so load from
 * other processes hits both alike; the reported rates and slowdown are medians over the trials.
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
    const a = seconds(texts, raw, repeat);
    const b = seconds(texts, ours, repeat);
    rawTimes.push(a);
    ourTimes.push(b);
    ratios.push(b / a);
  }
  const tokenize = chars / seconds(texts, (t) => tokenizer.tokenize(t));
  return {
    messages: texts.length,
    chars,
    rounds,
    rawJiebaCharsPerSecond: Math.round(chars / median(rawTimes)),
    segmentCharsPerSecond: Math.round(chars / median(ourTimes)),
    tokenizeCharsPerSecond: Math.round(tokenize),
    slowdown: Math.round(median(ratios) * 100) / 100,
  };
}
