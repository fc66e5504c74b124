// Sentiment evaluation on `text,label` CSVs. Without a training file the built-in lexicon model is scored.
// On two-class data a prediction is positive when its polarity score is > 0 (no positive evidence ⇒ negative).
import { readFile } from 'node:fs/promises';
import { createSentimentAnalyzer } from '../sentiment/index.ts';
import { canonicalSentimentLabel } from '../sentiment/labels.ts';
import { trainSentiment } from '../sentiment/train.ts';
import { parseCsv } from './csv.ts';
import { macroF1, quantile, round } from './metrics.ts';

export interface SentimentEvalOptions {
  trainFile?: string;
  testFile: string;
}

export interface SentimentEvalReport {
  accuracy: number;
  macro_f1: number;
  model: 'builtin' | 'trained';
  train_seconds: number;
  latency_ms: { p50: number; p99: number };
  test_rows: number;
  warnings: string[];
}

async function readSentimentCsv(file: string) {
  const table = parseCsv(await readFile(file, 'utf8'), ['text', 'label']);
  return {
    rows: table.rows.map((r) => ({ text: r.values.text ?? '', label: r.values.label ?? '', row: r.line })),
    warnings: table.problems.map((p) => `${file}:${p.line}: ${p.message}`),
  };
}

export async function evaluateSentiment(opts: SentimentEvalOptions): Promise<SentimentEvalReport> {
  const test = await readSentimentCsv(opts.testFile);
  const warnings = [...test.warnings];
  let trainSeconds = 0;
  let analyzer = createSentimentAnalyzer();
  if (opts.trainFile) {
    const train = await readSentimentCsv(opts.trainFile);
    warnings.push(...train.warnings);
    const started = performance.now();
    const trained = trainSentiment(train.rows);
    trainSeconds = (performance.now() - started) / 1000;
    warnings.push(...trained.warnings);
    analyzer = createSentimentAnalyzer(trained);
  }
  const gold: string[] = [];
  const predicted: string[] = [];
  const latencies: number[] = [];
  for (const r of test.rows) {
    const label = canonicalSentimentLabel(r.label);
    if (!label) {
      warnings.push(`${opts.testFile}:${r.row}: unknown sentiment label "${r.label}"; row skipped`);
      continue;
    }
    const t = performance.now();
    const result = analyzer.analyze(r.text);
    latencies.push(performance.now() - t);
    gold.push(label);
    predicted.push(
      label === 'neutral' || gold.includes('neutral') ? result.label : result.score > 0 ? 'positive' : 'negative',
    );
  }
  if (gold.length === 0) throw new Error(`${opts.testFile}: no scorable rows`);
  const right = gold.filter((g, i) => g === predicted[i]).length;
  return {
    accuracy: round(right / gold.length),
    macro_f1: round(macroF1(gold, predicted)),
    model: opts.trainFile ? 'trained' : 'builtin',
    train_seconds: round(trainSeconds, 3),
    latency_ms: { p50: round(quantile(latencies, 0.5)), p99: round(quantile(latencies, 0.99)) },
    test_rows: gold.length,
    warnings,
  };
}
