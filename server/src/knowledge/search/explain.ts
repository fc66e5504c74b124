// Why a hit matched (for the console's hit-test box and for agents) and where: matched terms with how they matched,
// and highlight ranges as offsets into the text the editor wrote (not the normalized text).
import { atomize } from './analyzer.ts';
import { normalizeWithOffsets } from './nlu-adapter.ts';
import { charPinyin } from './pinyin.ts';
import type { TextSide as QuerySide } from './text-side.ts';
import type { MatchVia, SearchHit } from './types.ts';

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/;
const MAX_MATCHED = 16;
const SNIPPET = 120;

/** An expansion the query used: a synonym member's alternative or a learned associated word. */
export interface Expansion {
  term: string;
  via: 'synonym' | 'learned';
}

export function matchedTerms(
  q: QuerySide,
  fields: { field: string; side: QuerySide; learnedUnit: boolean }[],
  expansions: Expansion[],
): SearchHit['matched'] {
  const out: SearchHit['matched'] = [];
  const seen = new Set<string>();
  const push = (field: string, term: string, via: MatchVia) => {
    const key = `${field}\u0000${term}`;
    if (seen.has(key) || out.length >= MAX_MATCHED) return;
    seen.add(key);
    out.push({ field, term, via });
  };
  for (const { field, side, learnedUnit } of fields) {
    const exactVia: MatchVia = learnedUnit ? 'learned' : 'exact';
    const coveredBigrams = new Set<string>();
    for (const w of q.words) {
      if (!side.wordSet.has(w) || (HAN.test(w) && w.length < 2)) continue;
      push(field, w, exactVia);
      const atoms = [...w];
      for (let i = 1; i < atoms.length; i++) coveredBigrams.add(`${atoms[i - 1]} ${atoms[i]}`);
    }
    for (const e of expansions) {
      if (e.via === 'synonym' ? side.norm.includes(e.term) : side.wordSet.has(e.term)) push(field, e.term, e.via);
    }
    for (let i = 1; i < side.atoms.length; i++) {
      const a = side.atoms[i - 1] as string;
      const b = side.atoms[i] as string;
      const bigram = `${a} ${b}`;
      if (q.bigramSet.has(bigram)) {
        if (!coveredBigrams.has(bigram)) push(field, HAN.test(a) ? a + b : bigram, learnedUnit ? 'learned' : 'ngram');
      } else if (HAN.test(a) && HAN.test(b) && q.pinyinSet.has(`${charPinyin(a)} ${charPinyin(b)}`)) {
        push(field, a + b, 'pinyin');
      }
    }
  }
  return out;
}

/** Highlight ranges of query matches in `text`; long texts are cut to a snippet around the first match. */
export function highlight(field: string, text: string, q: QuerySide): SearchHit['highlights'][number] | null {
  const { normalized, toOriginal } = normalizeWithOffsets(text);
  const { atoms, starts, ends } = atomize(normalized);
  const marked = new Uint8Array(atoms.length);
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i] as string;
    if (!HAN.test(atom) && q.atomSet.has(atom)) marked[i] = 1;
    if (i === 0) continue;
    const prev = atoms[i - 1] as string;
    const adjacent = (starts[i] as number) === (ends[i - 1] as number);
    if (!adjacent && HAN.test(atom)) continue;
    const pinyin = HAN.test(prev) && HAN.test(atom) && q.pinyinSet.has(`${charPinyin(prev)} ${charPinyin(atom)}`);
    if (q.bigramSet.has(`${prev} ${atom}`) || pinyin) {
      marked[i - 1] = 1;
      marked[i] = 1;
    }
  }
  const ranges: [number, number][] = [];
  for (let i = 0; i < atoms.length; i++) {
    if (!marked[i]) continue;
    let j = i;
    while (j + 1 < atoms.length && marked[j + 1]) j++;
    const span = toOriginal(starts[i] as number, ends[j] as number);
    ranges.push([span.start, span.end]);
    i = j;
  }
  if (ranges.length === 0) return null;
  if (text.length <= SNIPPET) return { field, text, ranges };
  const from = Math.max(0, (ranges[0] as [number, number])[0] - 20);
  const to = Math.min(text.length, from + SNIPPET);
  const inside = ranges
    .filter(([s, e]) => s >= from && e <= to)
    .map(([s, e]) => [s - from, e - from] as [number, number]);
  return { field, text: text.slice(from, to), ranges: inside };
}
