// BIOES tagging: label 0 is O; entity type t (0-based) has B=1+4t, I=2+4t, E=3+4t, S=4+4t.
// The transition mask forbids impossible sequences (I after O, B after B…) so decoding always yields whole spans.

export interface LabelledSpan {
  /** start and end (exclusive) in the labelled sequence */
  start: number;
  end: number;
  type: string;
}

export const OUTSIDE = 0;
const B = 1;
const I = 2;
const E = 3;
const S = 4;

export function labelCount(types: readonly string[]): number {
  return 1 + 4 * types.length;
}

function part(label: number): number {
  return label === OUTSIDE ? 0 : ((label - 1) % 4) + 1;
}

function typeOf(label: number): number {
  return Math.floor((label - 1) / 4);
}

/** Labels for a sequence of `length` positions; overlapping spans keep the first one given. */
export function encodeSpans(length: number, spans: readonly LabelledSpan[], types: readonly string[]): Int32Array {
  const labels = new Int32Array(length);
  for (const span of spans) {
    const t = types.indexOf(span.type);
    if (t < 0 || span.start < 0 || span.end > length || span.end <= span.start) continue;
    let free = true;
    for (let i = span.start; i < span.end; i++) if (labels[i] !== OUTSIDE) free = false;
    if (!free) continue;
    if (span.end - span.start === 1) {
      labels[span.start] = 4 * t + S;
      continue;
    }
    labels[span.start] = 4 * t + B;
    for (let i = span.start + 1; i < span.end - 1; i++) labels[i] = 4 * t + I;
    labels[span.end - 1] = 4 * t + E;
  }
  return labels;
}

export function decodeSpans(labels: ArrayLike<number>, types: readonly string[]): LabelledSpan[] {
  const spans: LabelledSpan[] = [];
  let open = -1;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    const p = part(label);
    if (p === S) spans.push({ start: i, end: i + 1, type: types[typeOf(label)] as string });
    else if (p === B) open = i;
    else if (p === E && open >= 0) {
      spans.push({ start: open, end: i + 1, type: types[typeOf(label)] as string });
      open = -1;
    } else if (p === 0) open = -1;
  }
  return spans;
}

/** allowed[prev * L + cur] = 1 when cur may follow prev. */
export function transitionMask(labels: number): Uint8Array {
  const mask = new Uint8Array(labels * labels);
  for (let prev = 0; prev < labels; prev++) {
    for (let cur = 0; cur < labels; cur++) mask[prev * labels + cur] = canFollow(prev, cur) ? 1 : 0;
  }
  return mask;
}

function canFollow(prev: number, cur: number): boolean {
  const pp = part(prev);
  const cp = part(cur);
  const inside = pp === B || pp === I;
  if (inside) return (cp === I || cp === E) && typeOf(prev) === typeOf(cur);
  return cp === 0 || cp === B || cp === S;
}

export function canStart(label: number): boolean {
  const p = part(label);
  return p === 0 || p === B || p === S;
}

export function canEnd(label: number): boolean {
  const p = part(label);
  return p === 0 || p === E || p === S;
}
