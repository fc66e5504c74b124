// Entity evaluation on CLUENER2020-style JSON: train the slot labeller on one file, label another, and score
// entity-level exact matches (same span, same type): micro precision/recall/F1 overall and per type.
import { readFile } from 'node:fs/promises';
import { type AnnotatedExample, fromClueNer, parseClueNerJson } from '../entities/labeller/annotated.ts';
import {
  loadSlotLabeller,
  type SlotLabeller,
  type SlotLabellerOptions,
  trainSlotLabeller,
} from '../entities/labeller/slot-labeller.ts';

export interface EntityScores {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

export interface EntityEvaluation extends EntityScores {
  perType: Record<string, EntityScores>;
  trainRows: number;
  testRows: number;
  trainSeconds: number;
  labelSeconds: number;
  modelBytes: number;
  /** time to load the serialized model */
  loadMilliseconds: number;
}

export interface EvaluateEntitiesOptions {
  /** CLUENER JSON to train on */
  trainFile?: string;
  /** CLUENER JSON to score; when omitted, the last `holdOutShare` of the training file is held out instead */
  testFile?: string;
  /** share of the training rows held out when there is no test file (default 0.1), for tuning without the test set */
  holdOutShare?: number;
  /** an already trained labeller to score instead of training one */
  labeller?: SlotLabeller;
  training?: SlotLabellerOptions;
}

export async function loadAnnotatedFile(path: string): Promise<AnnotatedExample[]> {
  return parseClueNerJson(await readFile(path, 'utf8')).map(fromClueNer);
}

export function scoreEntities(
  gold: ReadonlyArray<ReadonlyArray<{ start: number; end: number; type: string }>>,
  predicted: ReadonlyArray<ReadonlyArray<{ start: number; end: number; type: string }>>,
): EntityScores & { perType: Record<string, EntityScores> } {
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const bump = (type: string, key: 'gold' | 'predicted' | 'correct') => {
    const c = counts.get(type) ?? { gold: 0, predicted: 0, correct: 0 };
    c[key]++;
    counts.set(type, c);
  };
  for (let i = 0; i < gold.length; i++) {
    const expected = new Set((gold[i] ?? []).map((s) => `${s.start}:${s.end}:${s.type}`));
    for (const s of gold[i] ?? []) bump(s.type, 'gold');
    for (const s of predicted[i] ?? []) {
      bump(s.type, 'predicted');
      if (expected.has(`${s.start}:${s.end}:${s.type}`)) bump(s.type, 'correct');
    }
  }
  const perType: Record<string, EntityScores> = {};
  const total = { gold: 0, predicted: 0, correct: 0 };
  for (const [type, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    perType[type] = scores(c);
    total.gold += c.gold;
    total.predicted += c.predicted;
    total.correct += c.correct;
  }
  return { ...scores(total), perType };
}

function scores(c: { gold: number; predicted: number; correct: number }): EntityScores {
  const precision = c.predicted === 0 ? 0 : c.correct / c.predicted;
  const recall = c.gold === 0 ? 0 : c.correct / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, ...c };
}

export async function evaluateEntities(opts: EvaluateEntitiesOptions): Promise<EntityEvaluation> {
  let train = opts.trainFile ? await loadAnnotatedFile(opts.trainFile) : [];
  let test: AnnotatedExample[];
  if (opts.testFile) {
    test = await loadAnnotatedFile(opts.testFile);
  } else {
    const held = Math.max(1, Math.round(train.length * (opts.holdOutShare ?? 0.1)));
    test = train.slice(train.length - held);
    train = train.slice(0, train.length - held);
  }
  if (!opts.labeller && train.length === 0) throw new Error('evaluateEntities needs a trainFile or a labeller');
  const started = performance.now();
  const labeller = opts.labeller ?? trainSlotLabeller(train, opts.training);
  const trainSeconds = opts.labeller ? 0 : (performance.now() - started) / 1000;
  const labelStarted = performance.now();
  const predicted = test.map((example) => labeller.label(example.text));
  const labelSeconds = (performance.now() - labelStarted) / 1000;
  const result = scoreEntities(
    test.map((e) => e.spans),
    predicted,
  );
  const bytes = labeller.serialize();
  const loadStarted = performance.now();
  loadSlotLabeller(bytes);
  const loadMilliseconds = performance.now() - loadStarted;
  return {
    ...result,
    trainRows: train.length,
    testRows: test.length,
    trainSeconds,
    labelSeconds,
    modelBytes: bytes.byteLength,
    loadMilliseconds,
  };
}
