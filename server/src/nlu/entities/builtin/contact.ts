// Phone numbers (mainland mobile and landline, service numbers, international), e-mail addresses and URLs.
import { type Match, scan } from './match.ts';

// a phone number is not a slice of a longer digit group ("6217 0063 9007 3406 203" is a card, even a mistyped one)
const NOT_DIGIT_BEFORE = '(?<![\\d+]|\\d[ -])';
const NOT_DIGIT_AFTER = '(?![\\d]|[ -]\\d)';

// 138 1234 5678, 138-1234-5678, +86 13812345678, 0086-138…
const CN_MOBILE = new RegExp(
  `${NOT_DIGIT_BEFORE}(?:(?:\\+|00)?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}${NOT_DIGIT_AFTER}`,
  'g',
);
// 010-12345678, (0755) 8888 8888, 021 1234 5678 转 123
const CN_LANDLINE = new RegExp(
  `${NOT_DIGIT_BEFORE}(?:(?:\\+|00)86[ -]?)?(?:\\(0\\d{2,3}\\)|0\\d{2,3})[ -]?[1-9]\\d{2,3}[ -]?\\d{4}(?:(?:转|ext\\.?|-)\\d{1,5})?${NOT_DIGIT_AFTER}`,
  'g',
);
// 400-820-8820, 800 810 8888, 95588 (bank hotlines are too short to tell from other numbers, so skipped)
const CN_SERVICE = new RegExp(`${NOT_DIGIT_BEFORE}[48]00[ -]?\\d{3}[ -]?\\d{4}${NOT_DIGIT_AFTER}`, 'g');
// +1 (555) 123-4567, +44 20 7946 0958
const INTERNATIONAL = new RegExp(
  `(?<![\\w+])\\+[1-9]\\d{0,2}(?:[ -]?\\(?\\d{1,4}\\)?){1,5}[ -]?\\d{2,4}${NOT_DIGIT_AFTER}`,
  'g',
);
// (555) 123-4567, 555-123-4567 (North American format, written with separators)
const NANP = new RegExp(`${NOT_DIGIT_BEFORE}(?:\\(\\d{3}\\) ?|\\d{3}[-.])\\d{3}[-.]\\d{4}${NOT_DIGIT_AFTER}`, 'g');

const EMAIL =
  /(?<![\w.%+-])[a-z0-9](?:[a-z0-9._%+-]{0,63})@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*\.[a-z]{2,24}(?![\w-])/g;
const URL =
  /(?<![\w@.])(?:https?:\/\/|www\.)[^\s<>"'，。！？；、）】」》\u4e00-\u9fff]+|(?<![\w@.-])(?:[a-z0-9-]{1,63}\.){1,8}(?:com|cn|net|org|io|co|me|shop|top|xyz|info|app)(?::\d{2,5})?(?:\/[^\s<>"'，。！？；、）】」》\u4e00-\u9fff]*)?(?![\w@])/g;

function digitsOf(s: string): string {
  return s.replace(/[^\d+]/g, '');
}

export function findPhones(text: string): Match[] {
  const out: Match[] = [];
  for (const { start, end } of scan(CN_MOBILE, text)) {
    const number = digitsOf(text.slice(start, end)).replace(/^(?:\+|00)?86(?=1[3-9]\d{9}$)/, '');
    out.push({
      type: 'phone',
      start,
      end,
      value: { number, kind: 'mobile', country: 'CN' },
      confidence: 0.97,
      priority: 5,
    });
  }
  for (const { start, end } of scan(CN_LANDLINE, text)) {
    const raw = text.slice(start, end);
    const [main, ext] = raw.split(/转|ext\.?|-(?=\d{1,5}$)(?<=\d{7,}-)/);
    const number = digitsOf(main ?? raw).replace(/^(?:\+|00)86/, '');
    const value = { number, kind: 'landline', country: 'CN', ...(ext ? { extension: digitsOf(ext) } : {}) };
    out.push({ type: 'phone', start, end, value, confidence: 0.9, priority: 4 });
  }
  for (const { start, end } of scan(CN_SERVICE, text)) {
    const value = { number: digitsOf(text.slice(start, end)), kind: 'service', country: 'CN' };
    out.push({ type: 'phone', start, end, value, confidence: 0.9, priority: 4 });
  }
  for (const { start, end } of scan(INTERNATIONAL, text)) {
    const number = digitsOf(text.slice(start, end));
    if (number.length < 9 || number.length > 16) continue; // E.164: at most 15 digits after the plus
    out.push({ type: 'phone', start, end, value: { number, kind: 'international' }, confidence: 0.85, priority: 3 });
  }
  for (const { start, end } of scan(NANP, text)) {
    const value = { number: `+1${digitsOf(text.slice(start, end))}`, kind: 'international', country: 'US' };
    out.push({ type: 'phone', start, end, value, confidence: 0.75, priority: 2 });
  }
  return out;
}

export function findEmails(text: string): Match[] {
  const out: Match[] = [];
  for (const { start, end } of scan(EMAIL, text)) {
    out.push({ type: 'email', start, end, value: text.slice(start, end), confidence: 0.99, priority: 6 });
  }
  return out;
}

export function findUrls(text: string): Match[] {
  const out: Match[] = [];
  for (const hit of scan(URL, text)) {
    let end = hit.end;
    while (end > hit.start && /[.,;:!?)\]}'"]/.test(text[end - 1] as string)) end--; // sentence punctuation
    const raw = text.slice(hit.start, end);
    const value = /^https?:\/\//.test(raw) ? raw : `http://${raw}`;
    out.push({ type: 'url', start: hit.start, end, value, confidence: 0.95, priority: 5 });
  }
  return out;
}
