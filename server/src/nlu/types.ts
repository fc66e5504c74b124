// Shared types of the language engine. NLU-TEXT owns the text half (normalization, tokens, entities);
// NLU-INTENT may add its own types below.

export type Language = 'zh' | 'en' | 'mixed' | 'unknown';

/** A token. Offsets index the ORIGINAL text (UTF-16 code units, end exclusive); `norm` is the normalized form. */
export interface Token {
  text: string;
  start: number;
  end: number;
  pos: string;
  norm: string;
}

/** A recognized entity. Offsets index the ORIGINAL text (UTF-16 code units, end exclusive). */
export interface Entity {
  type: string;
  value: unknown;
  text: string;
  start: number;
  end: number;
  confidence: number;
}

export interface Normalized {
  original: string;
  normalized: string;
  /** normalized index -> original index; length normalized.length + 1 (the last entry maps the end). */
  toOriginal: Int32Array;
  /** true when the input was longer than maxLength and was cut. */
  truncated: boolean;
}

/** Value of a `money` entity. */
export interface MoneyValue {
  amount: number;
  currency: string;
}

export type DateTimeGrain = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Value of a `datetime` entity: an ISO-8601 instant with the zone offset, and how precise it is. */
export interface DateTimeValue {
  iso: string;
  grain: DateTimeGrain;
}

/** Value of a `quantity` entity. */
export interface QuantityValue {
  amount: number;
  unit: string;
}

/** A word the workspace teaches the tokenizer (products, brands, slang). */
export interface UserDictionaryEntry {
  word: string;
  pos?: string;
  freq?: number;
}

/** A workspace dictionary entity: `name` is canonical, `synonyms` all map to it. */
export interface DictionaryEntity {
  type: string;
  name: string;
  synonyms?: string[];
}
