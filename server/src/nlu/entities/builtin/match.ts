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

/** Runs a global regex and maps each hit (the group named `m` when present, else the whole hit). */
export function* scan(re: RegExp, text: string): Generator<{ start: number; end: number; groups: RegExpExecArray }> {
  re.lastIndex = 0;
  for (;;) {
    const m = re.exec(text);
    if (!m) return;
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const inner = m.groups?.m;
    const start = inner === undefined ? m.index : m.index + m[0].indexOf(inner);
    yield { start, end: start + (inner ?? m[0]).length, groups: m };
  }
}
