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
  /** raw rate / segment rate: 1.0 means no overhead; the target is ≤ 1.5 */
  slowdown: number;
}

function rate(texts: readonly string[], rounds: number, fn: (text: string) => unknown): number {
  let chars = 0;
  for (const t of texts) chars += t.length;
  for (const t of texts.slice(0, 200)) fn(t); // warm up the JIT and lazy tables
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of texts) fn(t);
  const seconds = (performance.now() - started) / 1000;
  return (chars * rounds) / seconds;
}

export function benchSegmentation(texts: readonly string[], opts: { rounds?: number } = {}): SegmentationBench {
  const rounds = opts.rounds ?? 5;
  const jieba = baseJieba();
  const tokenizer = createTokenizer();
  const hmm = tokenizer.hmm;
  // interleave the runs so machine noise (other processes) hits both sides alike; keep the best of each
  let raw = 0;
  let ours = 0;
  for (let i = 0; i < 3; i++) {
    raw = Math.max(
      raw,
      rate(texts, rounds, (t) => jieba.cut(t, hmm)),
    );
    ours = Math.max(
      ours,
      rate(texts, rounds, (t) => tokenizer.segment(t)),
    );
  }
  const tokenize = rate(texts, 1, (t) => tokenizer.tokenize(t));
  return {
    messages: texts.length,
    chars: texts.reduce((n, t) => n + t.length, 0),
    rounds,
    rawJiebaCharsPerSecond: Math.round(raw),
    segmentCharsPerSecond: Math.round(ours),
    tokenizeCharsPerSecond: Math.round(tokenize),
    slowdown: Math.round((raw / ours) * 100) / 100,
  };
}
