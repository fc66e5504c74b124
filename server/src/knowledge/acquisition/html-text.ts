import { parseHTML } from 'linkedom';

/** The little of the DOM we use (the server has no DOM typings; linkedom provides the implementation). */
export interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  tagName?: string;
}
export interface DomElement extends DomNode {
  tagName: string;
  innerHTML: string;
  outerHTML: string;
  nextElementSibling: DomElement | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
export interface DomDocument extends DomNode {
  title: string;
  body: DomElement | null;
  documentElement: DomElement;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

/** linkedom parses a fragment oddly; a fragment is wrapped in a document first. */
export function parseDocument(html: string): DomDocument {
  const whole = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(whole).document as unknown as DomDocument;
}

const BLOCK = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'NAV',
  'UL',
  'OL',
  'LI',
  'DL',
  'DT',
  'DD',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'BLOCKQUOTE',
  'PRE',
  'FIGURE',
  'FIGCAPTION',
  'HR',
  'ADDRESS',
  'FORM',
  'FIELDSET',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'HEAD']);

/**
 * HTML to the text a document article stores: blocks become paragraphs separated by blank lines, headings become
 * Markdown `#` lines (the knowledge base splits passages on them), list items `- ` lines, table cells ` | `.
 */
export function htmlToText(root: DomNode): string {
  const blocks: string[] = [];
  let line = '';
  const flush = () => {
    const text = line.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (text) blocks.push(text);
    line = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      line += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9) return;
    const tag = node.tagName?.toUpperCase() ?? '';
    if (SKIP.has(tag)) return;
    if (tag === 'BR') {
      line += '\n';
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    const heading = /^H([1-6])$/.exec(tag);
    if (heading) line += `${'#'.repeat(Number(heading[1]))} `;
    else if (tag === 'LI') line += '- ';
    if (tag === 'PRE') {
      line += node.textContent ?? '';
      blocks.push(line.replace(/\s+$/, ''));
      line = '';
      return;
    }
    for (const child of Array.from(node.childNodes)) {
      walk(child);
      if (child.tagName === 'TD' || child.tagName === 'TH') line += ' | ';
    }
    if (tag === 'TR') line = line.replace(/ \| $/, '');
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks
    .map((b) =>
      b
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter((b) => b !== '' && b !== '-' && !/^#+$/.test(b))
    .join('\n\n');
}
