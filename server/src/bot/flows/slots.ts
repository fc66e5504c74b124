import type { Entity } from '../../nlu/index.ts';
import type { FlowSlot, Locale } from '../schema.ts';

/** Reading a slot's value from one customer message: entities first, then choices, then the raw text. */

const YES =
  /^(是|是的|对|对的|好|好的|确认|确定|可以|行|嗯|没错|yes|y|yeah|yep|ok|okay|sure|confirm|correct)\b|^(是|对|好|确认|可以|行|嗯)/i;
const NO = /^(不|否|不是|不用|不要|算了|取消|错了|no|n|nope|cancel|wrong)\b|^(不|否|算了|取消)/i;
const CANCEL = /^(取消|算了|不办了|不用了|退出|cancel|never ?mind|stop|quit)[\s。.!！]*$/i;

export function isYes(text: string): boolean {
  const t = text.trim();
  return YES.test(t) && !NO.test(t);
}

export function isNo(text: string): boolean {
  return NO.test(text.trim());
}

export function isCancel(text: string): boolean {
  return CANCEL.test(text.trim());
}

/** The value of an entity as slot text: money as its amount, dates as ISO, others as recognized. */
function entityText(entity: Entity): string {
  const value = entity.value as { amount?: unknown; iso?: unknown } | string | number | null;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    if (typeof value.amount === 'number') return String(value.amount);
    if (typeof value.iso === 'string') return value.iso;
  }
  return entity.text;
}

export function matchesPattern(slot: FlowSlot, value: string): boolean {
  if (!slot.pattern) return true;
  try {
    return new RegExp(slot.pattern, 'iu').test(value);
  } catch {
    return false;
  }
}

/**
 * The slot's value in this message, or undefined. `asked` says the customer is answering this slot's prompt, which
 * is when free text and bare choices count (an unrelated message must not fill a description by accident).
 */
export function readSlot(
  slot: FlowSlot,
  text: string,
  entities: Entity[],
  asked: boolean,
  locale: Locale,
): string | undefined {
  for (const type of slot.entities) {
    const entity = entities.find((e) => e.type === type);
    if (entity) {
      const value = entityText(entity);
      if (matchesPattern(slot, value)) return value;
    }
  }
  if (!asked) return undefined;
  const answer = text.trim();
  if (slot.choices) {
    const lowered = answer.toLowerCase();
    const choice = slot.choices.find(
      (c) =>
        c.value.toLowerCase() === lowered ||
        c.label.zh === answer ||
        c.label.en.toLowerCase() === lowered ||
        answer.includes(c.label[locale]),
    );
    // The label in the customer's language: it is what confirmations, tickets and agents show.
    return choice?.label[locale];
  }
  if (slot.freeText) {
    // Free text (an address, a description) is kept as written; a pattern only judges it.
    return answer.length > 0 && matchesPattern(slot, answer) ? answer.slice(0, 1000) : undefined;
  }
  if (slot.pattern) {
    // A code (order number …): spaces dropped, letters upper-cased, as systems store them.
    const compact = answer.replace(/\s+/g, '');
    return matchesPattern(slot, compact) ? compact.toUpperCase() : undefined;
  }
  return undefined;
}
