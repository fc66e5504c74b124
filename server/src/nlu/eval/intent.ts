// Intent evaluation: train on one CSV (text,intent), score another. Rows labelled with the OOS label are
// out-of-scope: right when the model rejects them. Nothing here knows which dataset it reads.
import { readFile } from 'node:fs/promises';
import type { InScopeOutcome } from '../intent/calibrate.ts';
import type { IntentModel } from '../intent/model.ts';
import { measureSeparation } from '../intent/separation.ts';
import { trainIntentModel } from '../intent/train.ts';
import type { IntentExample, TrainingWarning } from '../intent/types.ts';
import { parseCsv } from './csv.ts';
import { macroF1, quantile, round } from './metrics.ts';

export interface IntentEvalOptions {
  trainFile: string;
  testFile: string;
  /** Label of out-of-scope rows (default 'oos'). */
  oosLabel?: string;
  /** Fixed rejection threshold instead of the calibrated one. */
  threshold?: number;
  /** Intents to drop from the training file (their test rows become out-of-scope). */
  excludeIntents?: string[];
}

export interface IntentEvalReport {
  accuracy: number;
  in_scope_accuracy: number;
  oos_recall: number | null;
  oos_precision: number | null;
  /**
   * How well the confidence separates in-scope from out-of-scope rows, whatever the threshold (null without both
   * kinds): the AUROC, and the best recall one threshold could reach on these rows within 1 and 2 points of
   * in-scope accuracy — a ceiling for diagnosis, not a result: the model's own threshold never sees these rows.
   */
  oos_separation: { auroc: number; best_recall_at_1pt_loss: number; best_recall_at_2pt_loss: number } | null;
  macro_f1: number;
  train_seconds: number;
  /** CPU time of training (user + system): the wall time on an idle core, whatever else the machine runs */
  train_cpu_seconds: number;
  latency_ms: { p50: number; p99: number };
  train_rows: number;
  test_rows: number;
  intents: number;
  threshold: number;
  warnings: string[];
}

/** Reads a `text,intent` CSV into examples; unreadable rows become warnings naming their line. */
export async function readIntentCsv(file: string): Promise<{ examples: IntentExample[]; warnings: string[] }> {
  const table = parseCsv(await readFile(file, 'utf8'), ['text', 'intent']);
  return {
    examples: table.rows.map((r) => ({ text: r.values.text ?? '', intent: r.values.intent ?? '', row: r.line })),
    warnings: table.problems.map((p) => `${file}:${p.line}: ${p.message}`),
  };
}

export async function evaluateIntents(opts: IntentEvalOptions): Promise<IntentEvalReport> {
  const oos = opts.oosLabel ?? 'oos';
  const train = await readIntentCsv(opts.trainFile);
  const test = await readIntentCsv(opts.testFile);
  if (test.examples.length === 0) throw new Error(`${opts.testFile}: no test rows (${test.warnings[0] ?? 'empty'})`);
  const excluded = new Set(opts.excludeIntents ?? []);
  const trainRows = train.examples.filter((e) => !excluded.has(e.intent.trim()));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { model, warnings } = trainIntentModel(trainRows, { oosLabel: oos, oosThreshold: opts.threshold });
  const trainSeconds = (performance.now() - started) / 1000;
  const cpuUsed = process.cpuUsage(cpu);
  return {
    ...scoreIntentModel(model, test.examples, oos, excluded),
    train_seconds: round(trainSeconds, 3),
    train_cpu_seconds: round((cpuUsed.user + cpuUsed.system) / 1e6, 3),
    train_rows: trainRows.length,
    warnings: [...train.warnings, ...test.warnings, ...warnings.map((w: TrainingWarning) => w.message)],
  };
}

export function scoreIntentModel(
  model: IntentModel,
  test: IntentExample[],
  oosLabel: string,
  excluded: Set<string> = new Set(),
  /** overrides the model's rejection threshold (0 = never reject on confidence) */
  threshold?: number,
): Omit<IntentEvalReport, 'train_seconds' | 'train_cpu_seconds' | 'train_rows' | 'warnings'> {
  const gold: string[] = [];
  const predicted: string[] = [];
  const latencies: number[] = [];
  let right = 0;
  let inScope = 0;
  let inScopeRight = 0;
  let oosRows = 0;
  let oosRejected = 0;
  let rejected = 0;
  const cut = threshold ?? model.threshold;
  const inScopeOutcomes: InScopeOutcome[] = [];
  const oosConfidences: number[] = [];
  for (const row of test) {
    const label = row.intent.trim();
    const isOos = label === oosLabel || excluded.has(label);
    const t = performance.now();
    // threshold 0 leaves only the rejections no threshold can undo (nothing known, the OOS class wins): the
    // confidence is then the one the threshold compares, and `cut` gives the same decision predict() would
    const p = model.predict(row.text, { top: 1, threshold: 0 });
    latencies.push(performance.now() - t);
    const confidence = p.outOfScope ? 0 : (p.intents[0]?.confidence ?? 0);
    const outOfScope = p.outOfScope || confidence < cut;
    const top = p.intents[0]?.name;
    const guess = outOfScope ? oosLabel : (top ?? oosLabel);
    gold.push(isOos ? oosLabel : label);
    predicted.push(guess);
    if (isOos) oosConfidences.push(confidence);
    else inScopeOutcomes.push({ confidence, correct: !p.outOfScope && top === label });
    if (outOfScope) rejected++;
    if (isOos) {
      oosRows++;
      if (outOfScope) {
        oosRejected++;
        right++;
      }
    } else {
      inScope++;
      if (guess === label) {
        inScopeRight++;
        right++;
      }
    }
  }
  return {
    accuracy: round(right / test.length),
    in_scope_accuracy: round(inScope === 0 ? 0 : inScopeRight / inScope),
    oos_recall: oosRows === 0 ? null : round(oosRejected / oosRows),
    oos_precision: oosRows === 0 ? null : round(rejected === 0 ? 0 : oosRejected / rejected),
    oos_separation: separationReport(inScopeOutcomes, oosConfidences),
    macro_f1: round(macroF1(gold, predicted)),
    latency_ms: { p50: round(quantile(latencies, 0.5), 4), p99: round(quantile(latencies, 0.99), 4) },
    test_rows: test.length,
    intents: model.intents.length,
    threshold: round(threshold ?? model.threshold),
  };
}

function separationReport(inScope: InScopeOutcome[], oos: number[]): IntentEvalReport['oos_separation'] {
  const s = measureSeparation(inScope, oos);
  if (!s) return null;
  return {
    auroc: round(s.auroc),
    best_recall_at_1pt_loss: round(s.bestRecallAt[0]!.oosRecall),
    best_recall_at_2pt_loss: round(s.bestRecallAt[1]!.oosRecall),
  };
}
