// Precision and recall of the built-in recognizers on the generated customer-service sentences
// (entities/fixtures/builtin-fixtures.ts). A span counts when type, start and end match exactly; among those,
// valueAccuracy is the share whose resolved value (digits, amount + currency, ISO time) is also right.

import {
  FIXTURE_REFERENCE_TIME,
  FIXTURE_TIME_ZONE,
  type FixtureSentence,
  generateBuiltinFixtures,
} from '../entities/fixtures/builtin-fixtures.ts';
import { createEntityRecognizer } from '../entities/recognizer.ts';
import type { Entity } from '../types.ts';

export const EVALUATED_TYPES = ['phone', 'id_card', 'bank_card', 'email', 'money', 'datetime'] as const;

export interface BuiltinTypeScores {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
  valueAccuracy: number;
}

export interface BuiltinEvaluation {
  sentences: number;
  perType: Record<string, BuiltinTypeScores>;
  /** spans predicted but not expected, and expected but missed (first few, for debugging) */
  errors: Array<{ text: string; kind: 'false_positive' | 'missed'; type: string; span: string }>;
}

/** The comparable value of a recognized entity, in the fixture's format. */
function comparable(e: Entity): string {
  const v = e.value as Record<string, unknown> | string;
  if (typeof v === 'string') return v.toLowerCase();
  if (e.type === 'money') return `${v.amount} ${v.currency}`;
  if (e.type === 'datetime') return String(v.iso);
  return String(v.number ?? '').toUpperCase();
}

export function evaluateBuiltinRecognizers(
  opts: { count?: number; seed?: number; sentences?: FixtureSentence[] } = {},
): BuiltinEvaluation {
  const sentences = opts.sentences ?? generateBuiltinFixtures(opts.count ?? 2000, opts.seed ?? 20240515);
  const recognizer = createEntityRecognizer({ builtins: [...EVALUATED_TYPES] });
  const counts = new Map<string, { gold: number; predicted: number; correct: number; valueRight: number }>();
  for (const type of EVALUATED_TYPES) counts.set(type, { gold: 0, predicted: 0, correct: 0, valueRight: 0 });
  const errors: BuiltinEvaluation['errors'] = [];
  for (const sentence of sentences) {
    const found = recognizer
      .recognize(sentence.text, { referenceTime: FIXTURE_REFERENCE_TIME, timeZone: FIXTURE_TIME_ZONE })
      .filter((e) => counts.has(e.type));
    const gold = new Map(sentence.entities.map((g) => [`${g.type}:${g.start}:${g.end}`, g]));
    const matched = new Set<string>();
    for (const e of found) {
      const c = counts.get(e.type) as { gold: number; predicted: number; correct: number; valueRight: number };
      c.predicted++;
      const key = `${e.type}:${e.start}:${e.end}`;
      const expected = gold.get(key);
      if (expected) {
        matched.add(key);
        c.correct++;
        const want = expected.type === 'email' ? expected.value.toLowerCase() : expected.value.toUpperCase();
        const got = expected.type === 'email' ? comparable(e) : comparable(e).toUpperCase();
        if (got === want) c.valueRight++;
        else if (errors.length < 50)
          errors.push({
            text: sentence.text,
            kind: 'false_positive',
            type: e.type,
            span: `${e.text} value ${got} ≠ ${want}`,
          });
      } else if (errors.length < 50) {
        errors.push({ text: sentence.text, kind: 'false_positive', type: e.type, span: e.text });
      }
    }
    for (const [key, g] of gold) {
      (counts.get(g.type) as { gold: number }).gold++;
      if (!matched.has(key) && errors.length < 50) {
        errors.push({ text: sentence.text, kind: 'missed', type: g.type, span: sentence.text.slice(g.start, g.end) });
      }
    }
  }
  const perType: Record<string, BuiltinTypeScores> = {};
  for (const [type, c] of counts) {
    const precision = c.predicted === 0 ? 1 : c.correct / c.predicted;
    const recall = c.gold === 0 ? 1 : c.correct / c.gold;
    perType[type] = {
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      gold: c.gold,
      predicted: c.predicted,
      correct: c.correct,
      valueAccuracy: c.correct === 0 ? 0 : c.valueRight / c.correct,
    };
  }
  return { sentences: sentences.length, perType, errors };
}
