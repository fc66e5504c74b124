import { Marked } from 'marked';
import { ArticleInput } from '../../schema.ts';
import { guessLanguage, titleFromFileName } from './document.ts';
import { problem } from './faq-table.ts';
import { sanitizeImportedHtml } from './sanitize.ts';
import type { ImportEntry, RowProblem } from './types.ts';

const marked = new Marked({ gfm: true, breaks: true, async: false });

/** Markdown to safe HTML (raw HTML inside Markdown goes through the same sanitizer as any import). */
export function markdownToHtml(markdown: string): string {
  return sanitizeImportedHtml(marked.parse(markdown) as string);
}

const QUESTION_HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const QA_LINE = /^\s*(?:\*\*)?(Q|问|A|答)\s*[:：.]\s*(?:\*\*)?\s*(.*)$/i;

/**
 * A Markdown file is a FAQ when it is made of questions — headings that end in a question mark, or `Q:`/`A:`
 * (`问：`/`答：`) lines — and otherwise one document. Each FAQ entry carries the line of its question.
 */
export function readMarkdown(text: string, fileName: string): { entries: ImportEntry[]; problems: RowProblem[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const faq = readQaLines(lines) ?? readQuestionHeadings(lines);
  if (faq) return validate(faq);
  const title = lines.map((l) => /^#\s+(.+)$/.exec(l)?.[1]?.trim()).find(Boolean) ?? titleFromFileName(fileName);
  const body = text.trim();
  return validate([
    { line: 1, input: { kind: 'document', language: guessLanguage(body), title, body }, categoryPath: null },
  ]);
}

interface Pending {
  line: number;
  question: string;
  answer: string[];
}

function readQuestionHeadings(lines: string[]): ImportEntry[] | undefined {
  const headings = lines.map((l, i) => ({ i, m: QUESTION_HEADING.exec(l) })).filter((h) => h.m);
  const questions = headings.filter((h) => /[?？]$/.test(h.m![2]!));
  if (questions.length < 2 || questions.length < headings.length / 2) return undefined;
  const level = Math.min(...questions.map((q) => q.m![1]!.length));
  const pending: Pending[] = [];
  let current: Pending | undefined;
  for (const [i, line] of lines.entries()) {
    const m = QUESTION_HEADING.exec(line);
    if (m && m[1]!.length <= level) {
      current = /[?？]$/.test(m[2]!) ? { line: i + 1, question: m[2]!, answer: [] } : undefined;
      if (current) pending.push(current);
      continue;
    }
    current?.answer.push(line);
  }
  return pending.map(toEntry);
}

function readQaLines(lines: string[]): ImportEntry[] | undefined {
  const pending: Pending[] = [];
  let current: Pending | undefined;
  let inAnswer = false;
  for (const [i, line] of lines.entries()) {
    const m = QA_LINE.exec(line);
    const key = m?.[1]?.toUpperCase();
    if (key === 'Q' || key === '问') {
      current = { line: i + 1, question: m![2]!.trim(), answer: [] };
      pending.push(current);
      inAnswer = false;
    } else if ((key === 'A' || key === '答') && current) {
      current.answer.push(m![2]!);
      inAnswer = true;
    } else if (current && inAnswer) current.answer.push(line);
    else if (current && line.trim() !== '') current.question += ` ${line.trim()}`;
  }
  return pending.length >= 1 && pending.some((p) => p.answer.length > 0) ? pending.map(toEntry) : undefined;
}

function toEntry(p: Pending): ImportEntry {
  const answer = p.answer.join('\n').trim();
  return {
    line: p.line,
    input: {
      kind: 'faq',
      language: guessLanguage(p.question),
      title: p.question,
      answer: answer ? markdownToHtml(answer) : '',
    },
    categoryPath: null,
  };
}

/** Checks entries against the article schema, reporting each problem at its line. */
export function validate(entries: ImportEntry[]): { entries: ImportEntry[]; problems: RowProblem[] } {
  const valid: ImportEntry[] = [];
  const problems: RowProblem[] = [];
  for (const entry of entries) {
    const parsed = ArticleInput.safeParse(entry.input);
    if (parsed.success) {
      valid.push(entry);
      continue;
    }
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '') || null;
      const code = field === 'answer' && /needs an answer/.test(issue.message) ? 'missing_answer' : 'invalid_value';
      problems.push(
        problem(
          entry.line,
          field,
          code,
          `${field ?? 'entry'}: ${issue.message}`,
          `${field ?? '条目'}：${issue.message}`,
        ),
      );
    }
  }
  return { entries: valid, problems };
}
