// Resident ID numbers and bank card numbers, reported only when their check digits are right.
import { idCardValid, luhnValid } from './checksums.ts';
import { type Match, scan } from './match.ts';

// normalization lowercased the X
const ID_CARD = /(?<![\da-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dx](?![\da-z])/g;
// 16–19 digits, bare or in groups of four (6222 0212 3456 7890 123); 15 for American Express
const BANK_CARD =
  /(?<![\da-z-])(?:\d{15,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?|3[47]\d{2}[ -]\d{6}[ -]\d{5})(?![\da-z-])/g;

export function findIdCards(text: string): Match[] {
  const out: Match[] = [];
  for (const { start, end } of scan(ID_CARD, text)) {
    const id = text.slice(start, end).toUpperCase();
    if (!idCardValid(id)) continue;
    const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    const value = { number: id, region: id.slice(0, 6), birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
    out.push({ type: 'id_card', start, end, value, confidence: 0.99, priority: 9 });
  }
  return out;
}

export function findBankCards(text: string): Match[] {
  const out: Match[] = [];
  for (const { start, end } of scan(BANK_CARD, text)) {
    const digits = text.slice(start, end).replace(/[ -]/g, '');
    if (digits.length === 15 && !/^3[47]/.test(digits)) continue;
    if (!/^[3-6]/.test(digits) || !luhnValid(digits)) continue;
    // an 18-digit number shaped like a resident ID (region + real birth date) is a mistyped ID, not a card
    if (digits.length === 18 && looksLikeIdCard(digits)) continue;
    out.push({
      type: 'bank_card',
      start,
      end,
      value: { number: digits, network: networkOf(digits) },
      confidence: 0.95,
      priority: 8,
    });
  }
  return out;
}

function looksLikeIdCard(digits: string): boolean {
  const year = Number(digits.slice(6, 10));
  const month = Number(digits.slice(10, 12));
  const day = Number(digits.slice(12, 14));
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function networkOf(digits: string): string {
  if (digits.startsWith('62')) return 'unionpay';
  if (digits.startsWith('4')) return 'visa';
  if (/^5[1-5]|^2[2-7]/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^35/.test(digits)) return 'jcb';
  return 'other';
}
