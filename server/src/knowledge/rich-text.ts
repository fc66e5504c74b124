import sanitizeHtml from 'sanitize-html';

/**
 * Answers are rich text written in the console or imported from web pages and documents, then shown to customers
 * in the widget: only a small formatting vocabulary survives. No scripts, event handlers, styles, frames, forms or
 * SVG; links only to http(s), mailto and tel; images only from http(s). The allow-list is the whole policy — anything
 * not named here is dropped (its text kept when harmless).
 */
const ANSWER_POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'b',
    'strong',
    'i',
    'em',
    'u',
    's',
    'sub',
    'sup',
    'mark',
    'code',
    'pre',
    'blockquote',
    'h3',
    'h4',
    'h5',
    'h6',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // The contents of these are code or styling, never answer text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math'],
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links leave our site: never hand the widget's window to the target, never pass our page as referrer.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
};

/** Safe HTML for an answer. Idempotent: sanitizing the output again changes nothing. */
export function sanitizeAnswer(html: string): string {
  return sanitizeHtml(html, {
    ...ANSWER_POLICY,
    allowedAttributes: { ...ANSWER_POLICY.allowedAttributes, a: ['href', 'title', 'rel', 'target'] },
  }).trim();
}

const BLOCK_END = /<\/(p|li|h[1-6]|blockquote|pre|tr|div|table|ul|ol)>|<br\s*\/?>|<hr\s*\/?>/gi;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** The plain text of an answer, for the search index and for channels that cannot show HTML. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(BLOCK_END, (tag) => `${tag}\n`);
  const stripped = sanitizeHtml(withBreaks, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ANSWER_POLICY.nonTextTags,
  });
  return stripped
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const NUMERIC_ENTITY = /&#(x[0-9a-f]+|\d+);/gi;

/**
 * The plain text of an answer that is already sanitized (what the store holds): tags are only the allow-listed
 * ones and no script or style content survives, so stripping tags is enough — about twenty times faster than
 * parsing again, which matters when an index of 100,000 answers is built at start. Never render the result as HTML.
 */
export function sanitizedAnswerToText(html: string): string {
  return html
    .replace(BLOCK_END, (tag) => `${tag}\n`)
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(NUMERIC_ENTITY, (_m, code: string) => {
      const point = code[0] === 'x' || code[0] === 'X' ? Number.parseInt(code.slice(1), 16) : Number(code);
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : '';
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
