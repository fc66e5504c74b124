// Public API of the entity half of the language engine (re-exported by nlu/index.ts).
export { idCardValid, luhnValid } from './builtin/checksums.ts';
export { parseChineseNumber } from './builtin/chinese-number.ts';
export { DEFAULT_ORDER_PATTERNS, DEFAULT_TRACKING_PATTERNS, type ReferencePatterns } from './builtin/references.ts';
export { DEFAULT_TIME_ZONE } from './datetime/zone.ts';
export {
  type AnnotatedExample,
  type AnnotatedSpan,
  type ClueNerRow,
  fromClueNer,
  parseAnnotated,
  parseClueNerJson,
} from './labeller/annotated.ts';
export {
  loadSlotLabeller,
  type SlotLabeller,
  type SlotLabellerOptions,
  type SlotSpan,
  trainSlotLabeller,
} from './labeller/slot-labeller.ts';
export {
  BUILTIN_ENTITY_TYPES,
  createEntityRecognizer,
  type EntityRecognizer,
  type EntityRecognizerOptions,
  type RecognizeContext,
} from './recognizer.ts';
