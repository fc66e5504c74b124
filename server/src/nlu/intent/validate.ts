// Cleans training examples: every problem becomes a warning naming its row, and training goes on with what is
// usable. Only an empty result (nothing to learn from) is an error, raised by the caller.
import type { IntentExample, TrainingWarning } from './types.ts';

export const MAX_EXAMPLE_LENGTH = 1000;

export interface CleanExample {
  text: string;
  intent: string;
  row: number;
}

/** Trims a label and collapses inner whitespace; Chinese and other scripts are valid label characters. */
export function normalizeLabel(label: string): string {
  return label.normalize('NFC').trim().replace(/\s+/g, ' ');
}

function textKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function cleanExamples(examples: IntentExample[]): { examples: CleanExample[]; warnings: TrainingWarning[] } {
  const warnings: TrainingWarning[] = [];
  const candidates: CleanExample[] = [];
  examples.forEach((e, i) => {
    const row = e.row ?? i + 1;
    const rawText = typeof e.text === 'string' ? e.text : '';
    const rawIntent = typeof e.intent === 'string' ? e.intent : '';
    if (rawText.trim() === '') {
      warnings.push({ code: 'empty_text', message: `row ${row}: the text is empty; row skipped`, rows: [row] });
      return;
    }
    const intent = normalizeLabel(rawIntent);
    if (intent === '') {
      warnings.push({ code: 'missing_intent', message: `row ${row}: the intent is empty; row skipped`, rows: [row] });
      return;
    }
    if (intent !== rawIntent) {
      warnings.push({
        code: 'label_normalized',
        message: `row ${row}: intent "${rawIntent}" was normalized to "${intent}" (spaces trimmed/collapsed)`,
        rows: [row],
        intent,
      });
    }
    let text = rawText;
    if (text.length > MAX_EXAMPLE_LENGTH) {
      text = text.slice(0, MAX_EXAMPLE_LENGTH);
      warnings.push({
        code: 'text_truncated',
        message: `row ${row}: the text is longer than ${MAX_EXAMPLE_LENGTH} characters and was truncated`,
        rows: [row],
      });
    }
    candidates.push({ text, intent, row });
  });

  // Same text under several labels: keep the label most rows agree on (the first one on a tie).
  const byText = new Map<string, CleanExample[]>();
  for (const c of candidates) {
    const key = textKey(c.text);
    const list = byText.get(key);
    if (list) list.push(c);
    else byText.set(key, [c]);
  }
  const kept: CleanExample[] = [];
  for (const group of byText.values()) {
    const first = group[0]!;
    if (group.length === 1) {
      kept.push(first);
      continue;
    }
    const votes = new Map<string, number>();
    for (const g of group) votes.set(g.intent, (votes.get(g.intent) ?? 0) + 1);
    let winner = first.intent;
    for (const [label, n] of votes) if (n > (votes.get(winner) ?? 0)) winner = label;
    const keep = group.find((g) => g.intent === winner)!;
    kept.push(keep);
    if (votes.size > 1) {
      warnings.push({
        code: 'conflicting_labels',
        message: `rows ${group.map((g) => `${g.row} (${g.intent})`).join(', ')}: the same text has different intents; kept "${winner}" from row ${keep.row}`,
        rows: group.map((g) => g.row),
        intent: winner,
      });
    }
    const dupes = group.filter((g) => g !== keep && g.intent === winner);
    if (dupes.length > 0) {
      warnings.push({
        code: 'duplicate',
        message: `row(s) ${dupes.map((d) => d.row).join(', ')}: duplicate of row ${keep.row}; ignored`,
        rows: dupes.map((d) => d.row),
        intent: winner,
      });
    }
  }
  kept.sort((a, b) => a.row - b.row);

  const counts = new Map<string, CleanExample[]>();
  for (const k of kept) {
    const list = counts.get(k.intent);
    if (list) list.push(k);
    else counts.set(k.intent, [k]);
  }
  for (const [intent, list] of counts) {
    if (list.length === 1) {
      warnings.push({
        code: 'single_example',
        message: `intent "${intent}" has a single example (row ${list[0]!.row}); add more phrasings for reliable recognition`,
        rows: [list[0]!.row],
        intent,
      });
    }
  }
  return { examples: kept, warnings };
}
