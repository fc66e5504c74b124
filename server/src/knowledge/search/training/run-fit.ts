// `lingxi kb fit [--write]`: re-fits the shipped re-ranker defaults on the project's own corpus. Every model of
// `modelChoices` (the first stage alone, linear re-rankers anchored to it at l2 = 1000 … 3, the unanchored linear fit,
// and an anchored and a linear fit on the general-domain groups alone) is fitted on four fifths of the groups and
// scored on the other fifth, on the untouched general-domain validation set and, for information only, on the tuning
// set (validation.ts). The choice is made on the fifth and the untouched set pooled (`chooseModel`: top1 within one
// standard error of the best, then fewest confident wrong top hits, then MRR@10, then the simpler); the chosen model
// is then fitted on every group, which `--write` saves as reranker-weights.ts / reranker-trees.ts.
import { performance } from 'node:perf_hooks';
import { DEFAULT_WEIGHTS } from '../reranker-weights.ts';
import { loadCorpus } from './corpus.ts';
import { chooseModel, collectExamples, fitChoice, isGeneralGroup, modelChoices } from './fit.ts';
import {
  loadGeneralValidation,
  loadUntouchedValidation,
  pooledScores,
  VALIDATION_ROTATIONS,
  type ValidationScores,
  validate,
  validateGeneral,
  validationSplit,
} from './validation.ts';
import { writeDefaults } from './write-defaults.ts';

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export function runFit(opts: { write: boolean; out: (line: string) => void }): number {
  const started = performance.now();
  const corpus = loadCorpus();
  const { groups } = corpus;
  const isHeld = validationSplit(corpus);
  const queries = groups.reduce((s, g) => s + g.paraphrases.length, 0);
  const negatives = new Set(groups.flatMap((g) => g.negatives)).size;
  const heldGroups = groups.filter((_, i) => isHeld(i)).length;
  opts.out(
    `corpus: ${groups.length} groups, ${queries} paraphrases, ${negatives} hard negatives, ` +
      `${corpus.unanswered.length} unanswered questions; ${heldGroups} groups held out for validation`,
  );
  const tuning = loadGeneralValidation(corpus);
  const untouched = loadUntouchedValidation(corpus, tuning.corpus);
  const scoredGroups = (v: typeof tuning) => v.corpus.groups.filter((_, i) => v.scored(i)).length;
  const line = (label: string, v: ValidationScores) =>
    `    ${label.padEnd(9)} top1 ${pct(v.top1)} (SE ${pct(v.top1SE ?? 0)} over ${v.groups ?? 0} groups)  MRR@10 ${v.mrr10.toFixed(4)}  right top hits: mean confidence ` +
    `${v.rightConfidence.toFixed(2)}; ≥ 0.5 for wrong top hits ${pct(v.wrongConfident)}` +
    (v.unansweredConfident === undefined ? '' : `, for unanswered ${pct(v.unansweredConfident)}`);
  const scores = (name: string, w: typeof DEFAULT_WEIGHTS): ValidationScores => {
    const fifth = validate(corpus, w, isHeld);
    const held = validateGeneral(untouched, w);
    const pooled = pooledScores([fifth, held]);
    opts.out(`  ${name}`);
    opts.out(line('fifth', fifth));
    opts.out(line('untouched', held));
    opts.out(line('pooled', pooled));
    opts.out(line('tuning', validateGeneral(tuning, w)));
    return pooled;
  };
  opts.out(
    'validation (every model fitted without it; chosen on "pooled" = fifth + untouched: top1 within one standard ' +
      `error of the best (taken over queries; the SE printed is over groups), then fewest confident wrong top hits): "fifth" = ${heldGroups} held-out groups of the ` +
      `corpus; "untouched" = the untouched general-domain set, ${scoredGroups(untouched)} of ` +
      `${untouched.corpus.groups.length} groups (those sharing no phrasing with the corpus, nor with the tuning set's phrasings and hard negatives); ` +
      `"tuning" = the general-domain tuning set, ${scoredGroups(tuning)} of ${tuning.corpus.groups.length} groups, ` +
      `not used for the choice (its misses were looked at); ${VALIDATION_ROTATIONS} rotations each`,
  );
  scores('current defaults', DEFAULT_WEIGHTS);
  const isGeneral = isGeneralGroup(corpus);
  const train = {
    all: collectExamples(corpus, (g) => !isHeld(g)),
    general: collectExamples(corpus, (g) => !isHeld(g) && isGeneral(g)),
  };
  const choices = modelChoices();
  const chosen = choices[chooseModel(choices.map((m) => scores(m.name, fitChoice(m, train))))] ?? choices[0];
  if (!chosen) return 1;
  opts.out(`chosen on the validation sets: ${chosen.name}`);
  const every = collectExamples(corpus, () => true);
  const ranked = chosen.groups === 'all' ? every : collectExamples(corpus, isGeneral);
  const weights = fitChoice(chosen, { all: every, general: ranked });
  opts.out(
    `fitted on ${ranked.length} ranking examples (${chosen.groups === 'all' ? 'all' : 'the general-domain'} groups; calibrated on all) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (opts.write) {
    const files = writeDefaults(
      weights,
      `Fitted on ${chosen.groups === 'all' ? groups.length : groups.filter((_, i) => isGeneral(i)).length} paraphrase groups (${ranked.length} ranking examples; calibrated on all ${groups.length}); model "${chosen.name}", chosen on the held-out fifth and the untouched general-domain validation set.`,
    );
    opts.out(`wrote ${files.join(', ')}`);
  } else opts.out('(not written: add --write to save them as the shipped defaults)');
  return 0;
}
