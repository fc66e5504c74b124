import type { ArticleContent, FieldChange } from './schema.ts';

const FIELDS: (keyof ArticleContent)[] = [
  'title',
  'alternates',
  'answer',
  'body',
  'categoryId',
  'tags',
  'channels',
  'effectiveFrom',
  'effectiveTo',
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field-by-field changes between two contents (what a version records, and what the diff view compares). */
export function diffContent(before: ArticleContent | null, after: ArticleContent): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of FIELDS) {
    const old = before ? before[field] : null;
    if (!same(old, after[field])) changes.push({ field, before: old, after: after[field] });
  }
  return changes;
}

export interface LineChange {
  op: 'same' | 'added' | 'removed';
  text: string;
}

const MAX_LINES = 2_000;

/**
 * A line diff (longest common subsequence) of two texts for the history view. Long documents are compared on their
 * first lines only: the table is quadratic, and a reviewer reads a diff, not a book.
 */
export function diffLines(before: string, after: string): LineChange[] {
  const a = before.split('\n').slice(0, MAX_LINES);
  const b = after.split('\n').slice(0, MAX_LINES);
  const cols = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * cols);
  const at = (i: number, j: number) => lcs[i * cols + j] as number;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * cols + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const left = a[i] as string;
    const right = b[j] as string;
    if (left === right) {
      out.push({ op: 'same', text: left });
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      out.push({ op: 'removed', text: left });
      i++;
    } else {
      out.push({ op: 'added', text: right });
      j++;
    }
  }
  for (; i < a.length; i++) out.push({ op: 'removed', text: a[i] as string });
  for (; j < b.length; j++) out.push({ op: 'added', text: b[j] as string });
  return out;
}
