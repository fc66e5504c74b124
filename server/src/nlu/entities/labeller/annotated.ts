// Annotated training examples: the markup `我要退[iPhone 15](product)` and CLUENER2020 rows.

export interface AnnotatedSpan {
  /** offsets into `text`, end exclusive */
  start: number;
  end: number;
  type: string;
}

export interface AnnotatedExample {
  text: string;
  spans: AnnotatedSpan[];
}

const MARKUP = /\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Parses `[entity text](type)` markup; brackets without a `(type)` stay literal text. */
export function parseAnnotated(markup: string): AnnotatedExample {
  let text = '';
  const spans: AnnotatedSpan[] = [];
  let last = 0;
  for (const m of markup.matchAll(MARKUP)) {
    const at = m.index ?? 0;
    text += markup.slice(last, at);
    const inner = m[1] as string;
    spans.push({ start: text.length, end: text.length + inner.length, type: m[2] as string });
    text += inner;
    last = at + m[0].length;
  }
  text += markup.slice(last);
  return { text, spans };
}

/** A CLUENER2020 row: `{"text", "label": {type: {entityText: [[start, endInclusive], …]}}}`. */
export interface ClueNerRow {
  text: string;
  label?: Record<string, Record<string, Array<[number, number]>>>;
}

export function fromClueNer(row: ClueNerRow): AnnotatedExample {
  const spans: AnnotatedSpan[] = [];
  for (const [type, entities] of Object.entries(row.label ?? {})) {
    for (const positions of Object.values(entities)) {
      for (const [start, endInclusive] of positions) spans.push({ start, end: endInclusive + 1, type });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return { text: row.text, spans };
}

/** Reads CLUENER JSON: one object per line, or pretty-printed concatenated objects. */
export function parseClueNerJson(content: string): ClueNerRow[] {
  const rows: ClueNerRow[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0 && start >= 0) {
        rows.push(JSON.parse(content.slice(start, i + 1)) as ClueNerRow);
        start = -1;
      }
    }
  }
  return rows;
}
