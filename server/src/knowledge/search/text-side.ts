// A question's atoms, words, bigrams and pinyin as strings: what the explanation of a hit (explain.ts) shows. Built
// only when a hit's explanation is read — ranking compares integer-encoded sides (side-encoding.ts).
import { charPinyin } from './pinyin.ts';

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/;

export interface TextSide {
  norm: string;
  atoms: string[];
  words: string[];
  atomSet: Set<string>;
  wordSet: Set<string>;
  bigramSet: Set<string>;
  pinyinSet: Set<string>;
}

export function textSide(norm: string, atoms: string[], words: string[]): TextSide {
  const bigramSet = new Set<string>();
  const pinyinSet = new Set<string>();
  for (let i = 1; i < atoms.length; i++) {
    const a = atoms[i - 1] as string;
    const b = atoms[i] as string;
    bigramSet.add(`${a} ${b}`);
    if (HAN.test(a) && HAN.test(b)) pinyinSet.add(`${charPinyin(a)} ${charPinyin(b)}`);
  }
  return { norm, atoms, words, atomSet: new Set(atoms), wordSet: new Set(words), bigramSet, pinyinSet };
}
