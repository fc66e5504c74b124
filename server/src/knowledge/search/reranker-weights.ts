// Shipped re-ranker weights, in the order of FEATURE_NAMES (features.ts).
// Provenance: see docs in eval/README.md — fitted by `lingxi kb fit` on a documented hash split, never on the
// queries they are reported on.
import type { RerankWeights } from './types.ts';

export const DEFAULT_WEIGHTS: RerankWeights = {
  bias: 0,
  w: [2, 0.5, 1, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 1, 1, 0.5, -1, -1, -0.5, -0.5, -0.5, 0.5, 2, 1, 1, 1, 1, 0.5, 1, 1],
  calibration: { a: 1, b: -5 },
};
