// Shipped re-ranker: linear weights in the order of FEATURE_NAMES (features.ts), plus boosted trees
// (reranker-trees.ts). Fitted by `lingxi kb fit --pairs <LCQMC dev.tsv>` on the "tune" half of the groups (FNV-1a hash
// of the entry question, eval/pairs.ts) — never on the "holdout" half reported beside it. Features a pair set cannot
// show (answer body, feedback) keep hand-set weights (eval/fit.ts). See eval/README.md.
import { TREES } from './reranker-trees.ts';
import type { RerankWeights } from './types.ts';

export const DEFAULT_WEIGHTS: RerankWeights = {
  bias: 0,
  w: [
    3.321725264, 2, 2.744637787, 0.3634773171, 5.477185814, 3.450828996, -1.009592622, -4.075196153, 0.8856898629,
    -1.267140109, -0.107593469, 0.3951611217, 0.5022839989, 5.099231083, -0.09896394322, 0.8673921798, 0.4406755468,
    0.03971717607, -0.5021523862, 1.471484572, 4, -1.572682433, 2.585467984, -0.3183628362, 3.782802059, 0.7054547775,
    0.7934105734, 0.0103894411,
  ],
  calibration: { a: 0.87248, b: -17.269 },
  trees: TREES,
};
