// The project's own FAQ paraphrase corpus (corpus/*.txt, written by the Lingxi project): what the shipped re-ranker
// defaults are fitted on. Evaluation sets (LCQMC and the like) are never read here.
//
// Format, one block per question, blocks separated by blank lines, `#` lines are comments:
//   the standard question            → an FAQ entry
//   one paraphrase per line           → queries that must find that entry
//   `! question`                      → a hard negative: same topic, a different question (a distractor entry)
//   `? question` (a line of its own)  → a question no FAQ of the corpus answers (a query whose right answer is none)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ParaphraseGroup {
  /** file name and 1-based line of the standard question */
  source: string;
  question: string;
  paraphrases: string[];
  negatives: string[];
}

export interface Corpus {
  groups: ParaphraseGroup[];
  /** questions nothing in the corpus answers: they teach the calibration to give them a low confidence */
  unanswered: string[];
}

export const CORPUS_DIR = new URL('./corpus/', import.meta.url);
/**
 * The general-domain tuning set (corpus/validation/general-qa-*.txt, same format): plain written questions of a Q&A
 * site, never fitted on, but looked at (its misses shaped built-in paraphrase sets): tuning figures (validation.ts).
 */
export const VALIDATION_DIR = new URL('./corpus/validation/', import.meta.url);
/** The untouched general-domain validation set (corpus/validation/untouched/): what `kb fit` chooses on. */
export const UNTOUCHED_VALIDATION_DIR = new URL('./corpus/validation/untouched/', import.meta.url);

export function parseCorpus(text: string, file = 'corpus'): Corpus {
  const groups: ParaphraseGroup[] = [];
  const unanswered: string[] = [];
  let current: ParaphraseGroup | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith('#')) return;
    if (line.length === 0) {
      current = null;
      return;
    }
    if (line.startsWith('?')) {
      if (current) throw new Error(`${file}:${i + 1}: an unanswered question stands on its own, outside a block`);
      unanswered.push(line.slice(1).trim());
      return;
    }
    if (!current) {
      if (line.startsWith('!')) throw new Error(`${file}:${i + 1}: a block must start with its standard question`);
      current = { source: `${file}:${i + 1}`, question: line, paraphrases: [], negatives: [] };
      groups.push(current);
    } else if (line.startsWith('!')) {
      current.negatives.push(line.slice(1).trim());
    } else {
      current.paraphrases.push(line);
    }
  });
  return { groups, unanswered };
}

/** Every corpus file, in name order (so the fit is the same on every machine). */
export function loadCorpus(dir: URL | string = CORPUS_DIR): Corpus {
  const path = typeof dir === 'string' ? dir : dir.pathname;
  const parts = readdirSync(path)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseCorpus(readFileSync(join(path, f), 'utf8'), f));
  return { groups: parts.flatMap((p) => p.groups), unanswered: parts.flatMap((p) => p.unanswered) };
}
