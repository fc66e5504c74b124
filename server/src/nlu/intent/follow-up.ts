// Follow-up resolution: "那退款呢?", "what about refunds?" carry the frame of the previous turn. The core of
// the follow-up is classified on its own; if that is not confident and the core looks like a new slot value
// (an entity, or a short noun phrase), the previous intent is kept and the new value replaces the slot.
import type { IntentModel, PredictOptions } from './model.ts';
import type { IntentPrediction } from './types.ts';

export interface DialogueContext {
  previousIntent?: string;
  slots?: Record<string, unknown>;
}

export interface FollowUpResult extends IntentPrediction {
  /** true when the message was read as a follow-up of the previous turn */
  followUp: boolean;
  /** the previous intent was kept (the follow-up only changed a slot) */
  inherited: boolean;
}

const ZH_FOLLOW_UP = [
  // longest openers first: "那么退款呢" must not read as 那 + "么退款"
  /^(那如果|那要是|那么|如果是|要是|还有|另外|那)(.+?)(呢|怎么办|怎么样|怎么弄|可以吗|行吗)?[?？。!！]*$/,
  /^(.+?)(呢|的呢)[?？。!！]*$/,
];
const EN_FOLLOW_UP = [
  /^(?:and\s+)?(?:what|how)\s+about\s+(.+?)[?.!]*$/i,
  /^and\s+(.+?)[?.!]*$/i,
  /^what\s+if\s+(.+?)[?.!]*$/i,
];

/** The content of a follow-up question ("那退款呢?" → "退款"), or undefined when the text is not one. */
export function followUpCore(text: string): string | undefined {
  const t = text.trim();
  if (t.length === 0 || t.length > 40) return undefined;
  for (const re of ZH_FOLLOW_UP) {
    const m = re.exec(t);
    if (m) {
      const core = (m[2] ?? m[1] ?? '').trim();
      if (core.length > 0 && core !== t) return core;
    }
  }
  for (const re of EN_FOLLOW_UP) {
    const m = re.exec(t);
    if (m?.[1]) return m[1].trim();
  }
  return undefined;
}

/**
 * Predicts with the dialogue context. `hasNewSlotValue` tells whether the message carries an entity (the caller
 * knows the recognizer's output).
 */
export function predictWithContext(
  model: IntentModel,
  text: string,
  context: DialogueContext | undefined,
  opts: PredictOptions & { hasNewSlotValue?: boolean } = {},
): FollowUpResult {
  const direct = model.predict(text, opts);
  const previous = context?.previousIntent;
  const core = previous ? followUpCore(text) : undefined;
  if (!previous || core === undefined) return { ...direct, followUp: false, inherited: false };
  const onCore = model.predict(core, opts);
  if (!onCore.outOfScope) return { ...onCore, followUp: true, inherited: false };
  if (!direct.outOfScope) return { ...direct, followUp: true, inherited: false };
  if (!model.intents.includes(previous)) return { ...direct, followUp: true, inherited: false };
  // Nothing else fits: the follow-up keeps the previous intent and changes its slot (e.g. "那明天呢?").
  const confidence = Math.max(model.threshold, opts.hasNewSlotValue ? 0.8 : 0.6);
  const intents = [
    { name: previous, confidence },
    ...onCore.intents
      .filter((i) => i.name !== previous)
      .map((i) => ({ ...i, confidence: i.confidence * (1 - confidence) })),
  ];
  return { intents, outOfScope: false, followUp: true, inherited: true };
}
