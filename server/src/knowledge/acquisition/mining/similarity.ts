import { normalize } from '../../../nlu/index.ts';

/**
 * Near-duplicate questions by their overlap: Chinese as character bigrams (robust to jieba's segmentation choices and
 * to word order such as "怎么退款"/"退款怎么弄"), English as lowercase words. Fillers that carry no meaning in a
 * customer question ("请问", "你好", "please") are dropped first, so greetings do not make questions look alike.
 */
const FILLERS_ZH = /请问一下|请问|麻烦问一下|麻烦|你好|您好|在吗|在不在|亲|客服|谢谢|一下|呢|吗|啊|呀|吧|哦|嗯|的|了/g;
const FILLERS_EN = new Set([
  'please',
  'hi',
  'hello',
  'hey',
  'thanks',
  'thank',
  'you',
  'the',
  'a',
  'an',
  'i',
  'my',
  'me',
  'is',
  'are',
  'do',
  'does',
  'can',
  'could',
  'would',
  'to',
  'of',
  'for',
  'it',
  'be',
]);

/** The question's meaningful text: normalized (width, case, traditional → simplified), fillers and punctuation gone. */
export function questionKey(text: string): string {
  return normalize(text)
    .normalized.replace(FILLERS_ZH, '')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && !FILLERS_EN.has(w))
    .join(' ')
    .trim();
}

export function shingles(text: string): Set<string> {
  const key = questionKey(text);
  const out = new Set<string>();
  for (const run of key.match(/\p{Script=Han}+|[\p{L}\p{N}]+/gu) ?? []) {
    if (/\p{Script=Han}/u.test(run)) {
      if (run.length === 1) out.add(run);
      for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
    } else {
      out.add(run.length > 4 && run.endsWith('s') ? run.slice(0, -1) : run);
    }
  }
  return out;
}

/** Dice coefficient of two shingle sets, in [0, 1]. */
export function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Greedy clustering: each item joins the most similar existing cluster above the threshold, else starts one. */
export function clusterBySimilarity<T>(items: T[], signature: (item: T) => Set<string>, threshold: number): T[][] {
  const clusters: { members: T[]; signature: Set<string> }[] = [];
  // Shingle → clusters holding it, so an item is only compared with clusters it shares something with.
  const postings = new Map<string, number[]>();
  for (const item of items) {
    const sig = signature(item);
    const candidates = new Set<number>();
    for (const s of sig) for (const c of postings.get(s) ?? []) candidates.add(c);
    let best = -1;
    let bestScore = threshold;
    for (const c of candidates) {
      const score = overlap(sig, clusters[c]!.signature);
      if (score >= bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best >= 0) {
      clusters[best]!.members.push(item);
      continue;
    }
    clusters.push({ members: [item], signature: sig });
    for (const s of sig) {
      const list = postings.get(s) ?? [];
      list.push(clusters.length - 1);
      postings.set(s, list);
    }
  }
  return clusters.map((c) => c.members);
}
