// English tokens and universal POS tags from wink-nlp. The model is ~1 MB of tables: it is required on first use
// only, so Chinese-only deployments and tests that never see English never pay for it.
import { createRequire } from 'node:module';

type WinkFactory = typeof import('wink-nlp').default;
type WinkNlp = ReturnType<WinkFactory>;

export interface EnglishToken {
  text: string;
  /** offset into the string given to tagEnglish */
  start: number;
  end: number;
  pos: string;
}

let nlp: WinkNlp | undefined;

function english(): WinkNlp {
  if (nlp) return nlp;
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as WinkFactory;
  const model = require('wink-eng-lite-web-model');
  nlp = winkNLP(model, ['pos']);
  return nlp;
}

/** Tokenizes and POS-tags English text; offsets are found by walking the text so they are always exact. */
export function tagEnglish(text: string): EnglishToken[] {
  if (text.trim().length === 0) return [];
  const wink = english();
  const doc = wink.readDoc(text);
  const words = doc.tokens().out() as string[];
  const tags = doc.tokens().out(wink.its.pos) as string[];
  const out: EnglishToken[] = [];
  let cursor = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word.length === 0) continue;
    const at = text.indexOf(word, cursor);
    if (at < 0) continue; // wink rewrote the token (never seen in practice); dropping beats a wrong offset
    out.push({ text: word, start: at, end: at + word.length, pos: tags[i] ?? 'X' });
    cursor = at + word.length;
  }
  return out;
}
