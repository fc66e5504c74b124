// Text units the intent and sentiment features are built from. The jieba instance is the process-wide one of the
// text module; everything here is a pure function of the text, so training and prediction see the same units.

import { normalizeText } from '../text/fast-normalize.ts';
import { baseJieba as sharedJieba } from '../text/jieba.ts';

/** A run of one script: Han characters, or letters/digits (Latin and other alphabets). */
export interface ScriptRun {
  kind: 'han' | 'word';
  text: string;
}

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}'_]/u;

/**
 * The text module's normalization (full→half width, traditional→simplified, lowercase, control characters
 * dropped) with curly apostrophes straightened: the same at training and prediction time.
 */
export function foldText(text: string): string {
  return normalizeText(text, 100_000).replace(/[\u2018\u2019]/g, "'");
}

/** Splits folded text into Han runs and word runs; punctuation, spaces and emoji separate runs. */
export function scriptRuns(folded: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  let kind: ScriptRun['kind'] | undefined;
  let start = 0;
  let i = 0;
  const close = (end: number) => {
    if (kind !== undefined && end > start) runs.push({ kind, text: folded.slice(start, end) });
    kind = undefined;
  };
  for (const ch of folded) {
    const next: ScriptRun['kind'] | undefined = HAN.test(ch) ? 'han' : WORD_CHAR.test(ch) ? 'word' : undefined;
    if (next !== kind) {
      close(i);
      kind = next;
      start = i;
    }
    i += ch.length;
  }
  close(i);
  return runs;
}

/** Jieba words of one Han run (HMM on, so unknown words still come out whole). */
export function cutHan(run: string): string[] {
  return sharedJieba().cut(run, true);
}

/** English words of one word run: apostrophes split clitics off ("can't" → "can", "'t"). */
export function splitWords(run: string): string[] {
  return run.split(/(?=')/).filter((w) => w.length > 0 && w !== "'");
}

/** Jieba words of one Han run with their part-of-speech tags (ns place, nr person, v verb…). */
export function tagHan(run: string): Array<{ word: string; tag: string }> {
  return sharedJieba().tag(run, true);
}
