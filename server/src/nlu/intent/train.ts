// Trains one workspace's intent model from its example phrases: clean the data (warnings name rows), build the
// hashed TF-IDF space, fit a Crammer–Singer linear SVM, then calibrate confidence and the out-of-scope threshold
// on models trained without part of the examples and without some intents (pseudo out-of-scope).
import { chooseThreshold, fitTemperature, type InScopeOutcome, softmax } from './calibrate.ts';
import { trainCrammerSinger } from './crammer-singer.ts';
import { buildFeatureSpace, FeatureSpace, type SparseVector } from './feature-space.ts';
import { DEFAULT_FEATURE_OPTIONS, type RawFeatures, rawFeatures } from './features.ts';
import { type LinearModel, scoreLinear } from './linear.ts';
import { IntentModel, quantize } from './model.ts';
import { blendLinear, trainNaiveBayes } from './naive-bayes.ts';
import { createRng, type Rng, shuffleInPlace } from './random.ts';
import type { CalibrationReport, IntentExample, TrainIntentOptions, TrainingWarning } from './types.ts';
import { type CleanExample, cleanExamples, normalizeLabel } from './validate.ts';

/** Share of the squared vector norm given to word features (the rest to character n-grams). */
const WORD_WEIGHT = 0.5;
const DEFAULT_C = 1;
/** The held-out models only feed calibration: a looser stopping tolerance costs nothing measurable there. */
const CALIBRATION_EPS = 0.3;
/** Threshold of a one-intent model: cosine similarity to the intent's centroid. */
const SIMILARITY_THRESHOLD = 0.25;
/**
 * Shares of naive-Bayes log-likelihood the calibration may add to the SVM's scores; it keeps the one that
 * classifies its held-out examples best (ties: the smaller), so a workspace where NB does not help gets none.
 */
const NB_SHARES = [0, 0.01, 0.02, 0.035, 0.05];

export interface TrainedIntentModel {
  model: IntentModel;
  warnings: TrainingWarning[];
}

interface Prepared {
  examples: CleanExample[];
  raw: RawFeatures[];
  labels: string[];
  y: Int32Array;
  oosClass: number;
}

export function trainIntentModel(examples: IntentExample[], opts: TrainIntentOptions = {}): TrainedIntentModel {
  const cleaned = cleanExamples(examples);
  const warnings = cleaned.warnings;
  if (cleaned.examples.length === 0) {
    throw new Error(`no usable training example (${examples.length} given): ${warnings[0]?.message ?? 'empty input'}`);
  }
  const oosLabel = normalizeLabel(opts.oosLabel ?? 'oos');
  const prepared = prepare(cleaned.examples, oosLabel);
  const seed = opts.seed ?? 1;
  const c = opts.c ?? DEFAULT_C;
  const inScopeCount = prepared.labels.length - (prepared.oosClass >= 0 ? 1 : 0);
  if (inScopeCount === 0) throw new Error(`every training example is labelled "${oosLabel}" (out of scope)`);
  if (prepared.labels.length === 1) {
    warnings.push({
      code: 'single_intent',
      message: `only one intent ("${prepared.labels[0]}"): confidence is the similarity to its examples`,
      intent: prepared.labels[0],
    });
    return { model: similarityModel(prepared, opts.oosThreshold ?? SIMILARITY_THRESHOLD), warnings };
  }
  const calibration = calibrate(prepared, c, seed);
  const threshold = opts.oosThreshold ?? calibration.threshold;
  const space = buildFeatureSpace(prepared.raw, WORD_WEIGHT, 1, {
    labels: prepared.y,
    classes: prepared.labels.length,
  });
  const xs = prepared.raw.map((r) => space.vectorize(r));
  const svm = trainCrammerSinger(xs, prepared.y, prepared.labels.length, space.size, { c, seed });
  const share = calibration.naiveBayesShare ?? 0;
  const linear =
    share > 0 ? blendLinear(svm, trainNaiveBayes(xs, prepared.y, prepared.labels.length, space.size), share) : svm;
  const model = linearModel(prepared, space, linear, calibration.temperature, threshold, {
    ...calibration,
    threshold,
  });
  return { model, warnings };
}

function prepare(examples: CleanExample[], oosLabel: string): Prepared {
  const labels = [...new Set(examples.map((e) => e.intent))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  return {
    examples,
    raw: examples.map((e) => rawFeatures(e.text, DEFAULT_FEATURE_OPTIONS)),
    labels,
    y: Int32Array.from(examples.map((e) => index.get(e.intent)!)),
    oosClass: index.get(oosLabel) ?? -1,
  };
}

function linearModel(
  p: Prepared,
  space: FeatureSpace,
  linear: LinearModel,
  temperature: number,
  threshold: number,
  calibration: CalibrationReport,
): IntentModel {
  const { weights, rowScale } = quantize(linear);
  return new IntentModel({
    labels: p.labels,
    oosClass: p.oosClass,
    featureOptions: DEFAULT_FEATURE_OPTIONS,
    space,
    weights,
    rowScale,
    bias: linear.bias,
    kind: 'linear',
    temperature,
    threshold,
    calibration,
  });
}

function similarityModel(p: Prepared, threshold: number): IntentModel {
  // cosine over the known features only: with a single intent, unknown words are the norm, not a sign of OOS
  const built = buildFeatureSpace(p.raw, WORD_WEIGHT);
  const space = new FeatureSpace(built.keys, built.idf, built.block, built.wordWeight, 0);
  const centroid = new Float32Array(space.size);
  for (const r of p.raw) {
    const x = space.vectorize(r);
    for (let j = 0; j < x.idx.length; j++) centroid[x.idx[j]!]! += x.val[j]!;
  }
  let norm = 0;
  for (const v of centroid) norm += v * v;
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let f = 0; f < centroid.length; f++) centroid[f] = centroid[f]! * inv;
  const linear: LinearModel = { classes: 1, features: space.size, weights: centroid, bias: new Float32Array(1) };
  const report: CalibrationReport = {
    temperature: 1,
    threshold,
    heldOutInScope: 0,
    heldOutOutOfScope: 0,
    heldOutAccuracy: 0,
    heldOutOosRecall: 0,
    curve: [],
  };
  const model = linearModel(p, space, linear, 1, threshold, report);
  model.data.kind = 'similarity';
  return model;
}

/** How many held-out rounds the calibration runs: more for small workspaces, where each round is cheap. */
function calibrationRounds(n: number): number {
  if (n <= 1500) return 3;
  if (n <= 4000) return 2;
  return 1;
}

/**
 * Each round holds out ~20% of the in-scope intents entirely (their examples play out-of-scope messages) and
 * ~20% of the remaining examples (in-scope held-out), trains on the rest, and records the held-out scores.
 */
function calibrate(p: Prepared, c: number, seed: number): CalibrationReport {
  const rng = createRng(seed * 31 + 7);
  const inScopeClasses = p.labels.map((_, i) => i).filter((i) => i !== p.oosClass);
  shuffleInPlace(inScopeClasses, rng);
  const rounds = calibrationRounds(p.examples.length);
  const groupSize = inScopeClasses.length >= 3 ? Math.max(1, Math.round(inScopeClasses.length * 0.2)) : 0;
  const inScope: Array<{ scores: HeldOutScores; label: number; oosClass: number }> = [];
  const outOfScope: Array<{ scores: HeldOutScores; oosClass: number }> = [];
  // A model trained without some intents is more confident on the in-scope messages it keeps (fewer rivals) than
  // the final model will be, so a threshold fitted on its confidences rejects more right answers than budgeted
  // (SMP2017 dev: 0.8 point lost instead of ≤ 0.3). When there are rounds to spare, the first keeps every intent
  // and alone provides the in-scope confidences; the others provide the out-of-scope ones.
  const keepAllFirst = rounds >= 2 && groupSize > 0;
  for (let r = 0; r < rounds; r++) {
    const removed = new Set<number>();
    const group = keepAllFirst ? r - 1 : r;
    if (group >= 0) {
      for (let g = 0; g < groupSize; g++) removed.add(inScopeClasses[(group * groupSize + g) % inScopeClasses.length]!);
    }
    const round = heldOutRound(p, removed, rng, c, seed + r);
    if (!round) continue;
    if (!keepAllFirst || group < 0) for (const h of round.inScope) inScope.push({ ...h, oosClass: round.oosClass });
    for (const scores of round.outOfScope) outOfScope.push({ scores, oosClass: round.oosClass });
  }
  const share = chooseNaiveBayesShare(inScope);
  const blended = inScope.map((h) => ({ ...h, scores: blend(h.scores, share) }));
  const temperature = fitTemperature(
    blended.map((h) => h.scores),
    blended.map((h) => h.label),
  );
  const outcomes: InScopeOutcome[] = blended.map((h) => topInScope(h.scores, temperature, h.oosClass, h.label));
  const oosConf = outOfScope.map((o) => topInScope(blend(o.scores, share), temperature, o.oosClass, -1).confidence);
  const choice = chooseThreshold(outcomes, oosConf);
  return {
    temperature,
    threshold: choice.threshold,
    heldOutInScope: outcomes.length,
    heldOutOutOfScope: oosConf.length,
    heldOutAccuracy: choice.inScopeAccuracy,
    heldOutOosRecall: choice.oosRecall,
    curve: choice.curve,
    naiveBayesShare: share,
  };
}

/** A held-out example's class scores from the round's SVM and from its naive Bayes. */
interface HeldOutScores {
  svm: Float64Array;
  nb: Float64Array;
}

function blend(s: HeldOutScores, share: number): Float64Array {
  if (share === 0) return s.svm;
  const out = new Float64Array(s.svm.length);
  for (let k = 0; k < out.length; k++) out[k] = s.svm[k]! + share * s.nb[k]!;
  return out;
}

const argmax = (s: Float64Array) => {
  let best = 0;
  for (let k = 1; k < s.length; k++) if (s[k]! > s[best]!) best = k;
  return best;
};

/** The NB share whose blend classifies the held-out in-scope examples best (ties: the smaller share). */
function chooseNaiveBayesShare(heldOut: Array<{ scores: HeldOutScores; label: number }>): number {
  let best = 0;
  let bestRight = -1;
  for (const share of NB_SHARES) {
    let right = 0;
    for (const h of heldOut) if (argmax(blend(h.scores, share)) === h.label) right++;
    if (right > bestRight) {
      best = share;
      bestRight = right;
    }
  }
  return best;
}

/**
 * The best in-scope class's calibrated confidence, and whether it is `label`. A message the OOS class wins is a
 * rejection whatever the threshold: confidence 0.
 */
function topInScope(scores: Float64Array, temperature: number, oosClass: number, label: number): InScopeOutcome {
  const probs = softmax(scores, temperature);
  let best = -1;
  for (let k = 0; k < probs.length; k++) if (k !== oosClass && (best < 0 || probs[k]! > probs[best]!)) best = k;
  const top = best < 0 ? 0 : probs[best]!;
  const rejected = oosClass >= 0 && probs[oosClass]! > top;
  return { confidence: rejected ? 0 : top, correct: !rejected && best === label };
}

interface RoundResult {
  inScope: Array<{ scores: HeldOutScores; label: number }>;
  outOfScope: HeldOutScores[];
  oosClass: number;
}

function heldOutRound(p: Prepared, removed: Set<number>, rng: Rng, c: number, seed: number): RoundResult | undefined {
  const byClass: number[][] = p.labels.map(() => []);
  p.y.forEach((k, i) => {
    byClass[k]!.push(i);
  });
  const train: number[] = [];
  const heldIn: number[] = [];
  const heldOos: number[] = [];
  byClass.forEach((members, k) => {
    if (removed.has(k)) {
      heldOos.push(...members);
      return;
    }
    shuffleInPlace(members, rng);
    const hold = members.length >= 2 ? Math.max(1, Math.round(members.length * 0.2)) : 0;
    const target = k === p.oosClass ? heldOos : heldIn;
    target.push(...members.slice(0, hold));
    train.push(...members.slice(hold));
  });
  const kept = p.labels.map((_, k) => k).filter((k) => !removed.has(k));
  if (kept.length < 2 || train.length === 0) return undefined;
  const remap = new Map(kept.map((k, i) => [k, i]));
  const y = Int32Array.from(train.map((i) => remap.get(p.y[i]!)!));
  const space = buildFeatureSpace(
    train.map((i) => p.raw[i]!),
    WORD_WEIGHT,
    1,
    { labels: y, classes: kept.length },
  );
  const xs: SparseVector[] = train.map((i) => space.vectorize(p.raw[i]!));
  const linear = trainCrammerSinger(xs, y, kept.length, space.size, { c, seed, eps: CALIBRATION_EPS });
  const nb = trainNaiveBayes(xs, y, kept.length, space.size);
  const score = (i: number): HeldOutScores => {
    const x = space.vectorize(p.raw[i]!);
    return { svm: scoreLinear(linear, x), nb: scoreLinear(nb, x) };
  };
  return {
    inScope: heldIn.map((i) => ({ scores: score(i), label: remap.get(p.y[i]!)! })),
    outOfScope: heldOos.map(score),
    oosClass: p.oosClass >= 0 ? (remap.get(p.oosClass) ?? -1) : -1,
  };
}
