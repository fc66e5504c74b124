// Public types of intent classification.

export interface IntentExample {
  text: string;
  intent: string;
  /** Where the example came from (e.g. a CSV line), used in warnings; defaults to its 1-based position. */
  row?: number;
}

export type TrainingWarningCode =
  | 'empty_text'
  | 'missing_intent'
  | 'duplicate'
  | 'conflicting_labels'
  | 'single_example'
  | 'label_normalized'
  | 'text_truncated'
  | 'single_intent'
  | 'csv_row_skipped';

export interface TrainingWarning {
  code: TrainingWarningCode;
  message: string;
  /** The row(s) concerned, as given in IntentExample.row. */
  rows?: number[];
  intent?: string;
}

export interface TrainIntentOptions {
  /** Label of examples that belong to no intent; they teach the model what to reject. Default 'oos'. */
  oosLabel?: string;
  /** Fixed rejection threshold on the calibrated confidence (0..1); default: chosen on held-out training data. */
  oosThreshold?: number;
  seed?: number;
  /** Multi-class SVM regularization (inverse strength). */
  c?: number;
}

export interface RankedIntent {
  name: string;
  confidence: number;
}

export interface IntentPrediction {
  /** All intents, best first, with calibrated confidences summing to at most 1. */
  intents: RankedIntent[];
  outOfScope: boolean;
}

/** What the calibration learned on held-out training data; kept in the model for inspection. */
export interface CalibrationReport {
  temperature: number;
  threshold: number;
  heldOutInScope: number;
  heldOutOutOfScope: number;
  heldOutAccuracy: number;
  heldOutOosRecall: number;
  /** held-out in-scope accuracy and OOS recall at thresholds 0.1 … 0.9 */
  curve: Array<{ threshold: number; inScopeAccuracy: number; oosRecall: number }>;
  /** share of naive-Bayes log-likelihood blended into the SVM's weights (chosen on the held-out examples) */
  naiveBayesShare?: number;
}
