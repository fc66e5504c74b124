// Shipped re-ranker weights, in the order of FEATURE_NAMES (features.ts).
// Provenance: see docs in eval/README.md — fitted by `lingxi kb fit` on a documented hash split, never on the
// queries they are reported on.
import type { RerankWeights } from './types.ts';

export const DEFAULT_WEIGHTS: RerankWeights = {
  bias: 0,
  w: [
    2.2832, 2, 3.3936, 1.4054, 6.1492, 3.8719, -2.2682, -4.7514, 2.545, -1.2967, -0.1628, 0.1229, 0.556, 5.2527, 0.2194,
    1.2388, 0.5204, 0.1447, -0.212, 1.5612, 4, -1.6638, 2.9096, -0.2528, 4.2958, 0.4563, 0.9697, 0.2053,
  ],
  calibration: { a: 0.8461, b: -18.7823 },
};
