// Shipped re-ranker weights, in the order of FEATURE_NAMES (features.ts).
// Provenance: see docs in eval/README.md — fitted by `lingxi kb fit` on a documented hash split, never on the
// queries they are reported on.
import type { RerankWeights } from './types.ts';

export const DEFAULT_WEIGHTS: RerankWeights = {
  bias: 0,
  w: [
    3.3347, 2.0, 2.7857, 0.3435, 5.4977, 3.4734, -1.0842, -4.1386, 0.9708, -1.2978, -0.0841, 0.4517, 0.5238, 5.0739,
    -0.0921, 0.8867, 0.4217, 0.0242, -0.4138, 1.4686, 4.0, -1.5822, 2.5228, -0.3063, 3.7886, 0.7006, 0.8173, 0.0641,
  ],
  calibration: { a: 0.8533, b: -17.0389 },
};
