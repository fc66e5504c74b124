// What a built-in recognizer returns: a span of the NORMALIZED text; the recognizer maps it to the original.

export interface Match {
  type: string;
  start: number;
  end: number;
  value: unknown;
  confidence: number;
  /** breaks ties between overlapping matches of equal length: more specific kinds rank higher */
  priority: number;
}

export interface ScanHit {
  start: number;
  end: number;
  groups: RegExpExecArray;
}

const NO_HITS: readonly ScanHit[] = Object.freeze([]);

/**
 * Runs a global regex and maps each hit (the group named `m` when present, else the whole hit). An array, not a
 * generator: dozens of patterns run on every message and almost all find nothing, which now allocates nothing.
 */
export function scan(re: RegExp, text: string): readonly ScanHit[] {
  re.lastIndex = 0;
  let out: ScanHit[] | undefined;
  for (;;) {
    const m = re.exec(text);
    if (!m) return out ?? NO_HITS;
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const inner = m.groups?.m;
    const start = inner === undefined ? m.index : m.index + m[0].indexOf(inner);
    if (!out) out = [];
    out.push({ start, end: start + (inner ?? m[0]).length, groups: m });
  }
}
