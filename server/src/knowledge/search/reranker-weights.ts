// Shipped re-ranker: linear weights in the order of FEATURE_NAMES (features.ts), plus boosted trees
// (reranker-trees.ts). Fitted by `lingxi kb fit --pairs <LCQMC dev.tsv>` on the "tune" half of the groups (FNV-1a hash
// of the entry question, eval/pairs.ts) — never on the "holdout" half reported beside it. Features a pair set cannot
// show (answer body, feedback) keep hand-set weights (eval/fit.ts). See eval/README.md.
import { TREES } from './reranker-trees.ts';
import type { RerankWeights } from './types.ts';

export const DEFAULT_WEIGHTS: RerankWeights = {
  bias: 0,
  w: [
    3.3443, 2, 2.762, 0.35923, 5.5114, 3.4616, -1.011, -4.093, 0.87698, -1.273, -0.096693, 0.39374, 0.5014, 5.0951,
    -0.095685, 0.87927, 0.42625, 0.025939, -0.49066, 1.4743, 4, -1.5555, 2.5585, -0.31387, 3.7984, 0.69889, 0.78326,
    0.013868,
  ],
  calibration: { a: 0.86952, b: -17.259 },
  trees: TREES,
};
