// The entity recognizer: built-in patterns (phone, email, url, order/tracking numbers, money, datetime, quantity,
// id_card, bank_card), names from POS tags, workspace dictionary entities and the trained slot labeller, resolved
// into one non-overlapping list with offsets into the ORIGINAL text.
import { normalize, toOriginalSpan } from '../text/normalize.ts';
import { defaultTokenizer, type Tokenizer } from '../text/tokenizer.ts';
import type { DictionaryEntity, Entity, Normalized, Token } from '../types.ts';
import { findEmails, findPhones, findUrls } from './builtin/contact.ts';
import { findBankCards, findIdCards } from './builtin/identity.ts';
import type { Match } from './builtin/match.ts';
import { findMoney } from './builtin/money.ts';
import { findQuantities } from './builtin/quantity.ts';
import { createReferenceFinder, type ReferencePatterns } from './builtin/references.ts';
import { findDateTimes } from './datetime/find-datetimes.ts';
import { createDictionaryMatcher } from './dictionary.ts';
import type { SlotLabeller } from './labeller/slot-labeller.ts';
import { namesFromTokens } from './names.ts';
import { type Candidate, resolveOverlaps } from './resolve.ts';

export const BUILTIN_ENTITY_TYPES = [
  'phone',
  'email',
  'url',
  'order_number',
  'tracking_number',
  'money',
  'datetime',
  'quantity',
  'id_card',
  'bank_card',
  'person',
  'place',
  'organization',
] as const;

export interface EntityRecognizerOptions extends ReferencePatterns {
  /** workspace dictionary entities with synonyms; the entity value is the canonical name */
  dictionary?: DictionaryEntity[];
  /** a labeller trained on the workspace's annotated examples */
  slotLabeller?: SlotLabeller;
  /** tokenizer used for names when the caller passes no tokens (default: the shared one) */
  tokenizer?: Tokenizer;
  /** built-in types to run (default all) */
  builtins?: ReadonlyArray<(typeof BUILTIN_ENTITY_TYPES)[number]>;
  /** time zone when the call gives none (default Asia/Shanghai) */
  timeZone?: string;
}

export interface RecognizeContext {
  tokens?: Token[];
  /** epoch ms that relative dates resolve against (default now) */
  referenceTime?: number;
  timeZone?: string;
  /** `normalize(text)` when the caller already has it (understand() does): not computed a second time. */
  normalized?: Normalized;
}

export interface EntityRecognizer {
  recognize(text: string, ctx?: RecognizeContext): Entity[];
}

export function createEntityRecognizer(opts: EntityRecognizerOptions = {}): EntityRecognizer {
  const enabled = new Set<string>(opts.builtins ?? BUILTIN_ENTITY_TYPES);
  const references = createReferenceFinder(opts);
  const dictionary = createDictionaryMatcher(opts.dictionary);
  const finders: Array<[string, (text: string) => Match[]]> = [
    ['phone', findPhones],
    ['email', findEmails],
    ['url', findUrls],
    ['id_card', findIdCards],
    ['bank_card', findBankCards],
    ['money', findMoney],
    ['quantity', findQuantities],
  ];

  function recognize(text: string, ctx: RecognizeContext = {}): Entity[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    const norm = ctx.normalized ?? normalize(text);
    const n = norm.normalized;
    const matches: Match[] = [];
    for (const [type, find] of finders) if (enabled.has(type)) matches.push(...find(n));
    matches.push(...references(n).filter((m) => enabled.has(m.type)));
    if (enabled.has('datetime')) {
      matches.push(...findDateTimes(n, ctx.referenceTime ?? Date.now(), ctx.timeZone ?? opts.timeZone));
    }
    matches.push(...dictionary(n));

    const candidates: Candidate[] = matches.map((m) => {
      const span = toOriginalSpan(norm, m.start, m.end);
      return { ...m, start: span.start, end: span.end, text: text.slice(span.start, span.end) };
    });
    if (enabled.has('person') || enabled.has('place') || enabled.has('organization')) {
      const tokens = ctx.tokens ?? (opts.tokenizer ?? defaultTokenizer()).tokenize(norm);
      for (const e of namesFromTokens(tokens)) if (enabled.has(e.type)) candidates.push({ ...e, priority: 1 });
    }
    for (const slot of opts.slotLabeller?.label(text) ?? []) {
      candidates.push({
        type: slot.type,
        value: slot.text,
        text: slot.text,
        start: slot.start,
        end: slot.end,
        confidence: 0.7,
        priority: 7,
      });
    }
    return resolveOverlaps(candidates);
  }

  return { recognize };
}
