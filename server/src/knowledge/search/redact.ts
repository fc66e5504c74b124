// Personal data is removed before any text leaves for an external embeddings endpoint: phone numbers, e-mail
// addresses, resident ID and bank card numbers (by the language engine's recognizers), and — because a number that
// fails its checksum is still somebody's — any other long run of digits.
import { findEmails, findPhones } from '../../nlu/entities/builtin/contact.ts';
import { findBankCards, findIdCards } from '../../nlu/entities/builtin/identity.ts';
import { normalizeWithOffsets } from './nlu-adapter.ts';

/** 7+ digits, optionally grouped by spaces or dashes (order numbers are not personal, but cannot be told apart). */
const LONG_NUMBER = /\d(?:[ -]?\d){6,}/g;

const PLACEHOLDER: Record<string, string> = {
  phone: '[phone]',
  email: '[email]',
  id_card: '[id]',
  bank_card: '[card]',
};

export function redactPersonalData(text: string): string {
  if (!text) return '';
  const { normalized, toOriginal } = normalizeWithOffsets(text);
  const spans: { start: number; end: number; label: string }[] = [];
  const finders = [findEmails, findIdCards, findBankCards, findPhones];
  for (const find of finders) {
    for (const m of find(normalized)) {
      const span = toOriginal(m.start, m.end);
      spans.push({ ...span, label: PLACEHOLDER[m.type] ?? '[redacted]' });
    }
  }
  for (const m of text.matchAll(LONG_NUMBER)) {
    spans.push({ start: m.index, end: m.index + m[0].length, label: '[number]' });
  }
  // earliest first, longest first at the same start; overlapping spans are dropped
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + s.label;
    at = s.end;
  }
  return out + text.slice(at);
}
