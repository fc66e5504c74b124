// The language engine's public API. A pure library: no I/O, no project imports beyond types.

export { parseAnnotated } from './entities/labeller/annotated.ts';
export {
  loadSlotLabeller,
  type SlotLabeller,
  type SlotLabellerOptions,
  trainSlotLabeller,
} from './entities/labeller/slot-labeller.ts';
export { createEntityRecognizer, type EntityRecognizer, type EntityRecognizerOptions } from './entities/recognizer.ts';
export { type DialogueContext, followUpCore, predictWithContext } from './intent/follow-up.ts';
export { IntentModel, type PredictOptions } from './intent/model.ts';
export { loadIntentModel, serializeIntentModel } from './intent/serialize.ts';
export { type TrainedIntentModel, trainIntentModel } from './intent/train.ts';
export { trainIntentModelInWorker } from './intent/train-in-worker.ts';
export type {
  CalibrationReport,
  IntentExample,
  IntentPrediction,
  RankedIntent,
  TrainIntentOptions,
  TrainingWarning,
} from './intent/types.ts';
export {
  createSentimentAnalyzer,
  type Emotion,
  loadSentimentModel,
  type SentimentAnalyzer,
  type SentimentLabel,
  type SentimentModel,
  type SentimentResult,
  serializeSentimentModel,
  trainSentiment,
} from './sentiment/index.ts';
export { detectLanguage } from './text/language.ts';
export { normalize } from './text/normalize.ts';
export { createTokenizer, defaultTokenizer, type Tokenizer } from './text/tokenizer.ts';
export type * from './types.ts';
export {
  createUnderstander,
  MAX_MESSAGE_LENGTH,
  type UnderstandContext,
  type Understander,
  type Understanding,
} from './understand.ts';
