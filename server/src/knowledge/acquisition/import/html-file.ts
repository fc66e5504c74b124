import { type DomDocument, htmlToText, parseDocument } from '../html-text.ts';
import { guessLanguage, titleFromFileName, titleFromText } from './document.ts';
import { validate } from './markdown.ts';
import { sanitizeImportedHtml } from './sanitize.ts';
import type { ImportEntry, RowProblem } from './types.ts';

/**
 * An HTML file (or a .docx converted to HTML) is a FAQ when its questions are headings ending in a question mark,
 * or a definition list (`<dt>` question, `<dd>` answer); otherwise it is one document. Answers keep their formatting
 * through the sanitizer. Entries are numbered in document order (HTML has no meaningful lines).
 */
export function readHtml(html: string, fileName: string): { entries: ImportEntry[]; problems: RowProblem[] } {
  const document = parseDocument(html);
  const faq = readDefinitionList(document) ?? readQuestionHeadings(document);
  if (faq) return validate(faq);
  const body = htmlToText(document.body ?? document);
  const title =
    document.title?.trim() ||
    document.querySelector('h1')?.textContent?.trim() ||
    titleFromText(body, titleFromFileName(fileName));
  return validate([
    {
      line: 1,
      input: { kind: 'document', language: guessLanguage(body), title: title.slice(0, 300), body },
      categoryPath: null,
    },
  ]);
}

function faqEntry(line: number, question: string, answerHtml: string): ImportEntry {
  const title = question.replace(/\s+/g, ' ').trim();
  return {
    line,
    input: { kind: 'faq', language: guessLanguage(title), title, answer: sanitizeImportedHtml(answerHtml) },
    categoryPath: null,
  };
}

function readDefinitionList(document: DomDocument): ImportEntry[] | undefined {
  const terms = Array.from(document.querySelectorAll('dt'));
  if (terms.length < 2) return undefined;
  return terms.map((dt, i) => {
    let answer = '';
    for (let next = dt.nextElementSibling; next && next.tagName === 'DD'; next = next.nextElementSibling)
      answer += next.innerHTML;
    return faqEntry(i + 1, dt.textContent ?? '', answer);
  });
}

function readQuestionHeadings(document: DomDocument): ImportEntry[] | undefined {
  const headings = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'));
  const questions = headings.filter((h) => /[?？]\s*$/.test(h.textContent ?? ''));
  if (questions.length < 2 || questions.length < headings.length / 2) return undefined;
  const level = Math.min(...questions.map((h) => Number(h.tagName.slice(1))));
  return questions
    .filter((h) => Number(h.tagName.slice(1)) === level)
    .map((heading, i) => {
      let answer = '';
      for (let next = heading.nextElementSibling; next; next = next.nextElementSibling) {
        const m = /^H([1-6])$/.exec(next.tagName);
        if (m && Number(m[1]) <= level) break;
        answer += next.outerHTML;
      }
      return faqEntry(i + 1, heading.textContent ?? '', answer);
    });
}
