/** One retrievable piece of a document: its heading (the nearest `#` heading, or the title) and its text. */
export interface Passage {
  no: number;
  heading: string;
  text: string;
}

/** A passage should answer one question: long enough to carry an answer, short enough to rank and to show. */
const TARGET_CHARS = 500;
const MAX_CHARS = 900;
const HEADING = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/;

/**
 * Splits a document's body into passages: a new passage at every Markdown heading; within a section, paragraphs
 * (blank-line separated) are joined up to ~500 characters; a paragraph longer than ~900 characters is cut at
 * sentence ends (。！？.!?) so that no passage is a wall of text. Deterministic: the same body gives the same passages,
 * so passage ids (`articleId#no`) are stable between processes.
 */
export function splitPassages(title: string, body: string): Passage[] {
  const passages: Passage[] = [];
  let heading = title;
  let buffer = '';
  const flush = () => {
    const text = buffer.trim();
    if (text) passages.push({ no: passages.length + 1, heading, text });
    buffer = '';
  };
  for (const block of body.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = block.split('\n');
    const paragraph: string[] = [];
    for (const line of lines) {
      const match = HEADING.exec(line);
      if (match?.[1]) {
        if (paragraph.length) buffer = join(buffer, paragraph.splice(0).join('\n'));
        flush();
        heading = match[1];
      } else if (line.trim()) {
        paragraph.push(line.trim());
      }
    }
    if (!paragraph.length) continue;
    for (const piece of cutLong(paragraph.join('\n'))) {
      if (buffer && buffer.length + piece.length > TARGET_CHARS) flush();
      buffer = join(buffer, piece);
    }
  }
  flush();
  return passages;
}

const join = (a: string, b: string) => (a ? `${a}\n${b}` : b);

function cutLong(paragraph: string): string[] {
  if (paragraph.length <= MAX_CHARS) return [paragraph];
  const sentences = paragraph.match(/[^。！？!?.]+[。！？!?.]*\s*/g) ?? [paragraph];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (current && current.length + sentence.length > TARGET_CHARS) {
      pieces.push(current.trim());
      current = '';
    }
    if (sentence.length <= MAX_CHARS) {
      current += sentence;
      continue;
    }
    // A single sentence longer than the limit is cut hard: better a split sentence than an unrankable block.
    if (current.trim()) pieces.push(current.trim());
    current = '';
    for (let i = 0; i < sentence.length; i += MAX_CHARS) pieces.push(sentence.slice(i, i + MAX_CHARS).trim());
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}
