import { createHash } from 'node:crypto';
import { Readability } from '@mozilla/readability';
import { type DomDocument, htmlToText, parseDocument } from '../html-text.ts';
import { normalizeUrl } from './url.ts';

/** What a crawled page gives the knowledge base: its main content as document text, and the links to follow. */
export interface ExtractedPage {
  title: string;
  /** Main content as document text (Markdown-style headings split it into passages). */
  text: string;
  /** sha256 of the whitespace-normalized text: the same content gives the same hash whatever the markup around it. */
  contentHash: string;
  links: string[];
  /** `<meta name="robots">` asked not to index this page / not to follow its links. */
  noindex: boolean;
  nofollow: boolean;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}

/**
 * Main content by Mozilla's Readability (Firefox Reader View), which drops navigation, sidebars, footers and ads;
 * when it finds no article (a short FAQ page, a list), the page's <main>/<article>/<body> text is used instead.
 */
export function extractPage(html: string, pageUrl: string): ExtractedPage {
  const document = parseDocument(html);
  const robots = (document.querySelector('meta[name="robots" i]')?.getAttribute('content') ?? '').toLowerCase();
  const nofollow = /nofollow|none/.test(robots);
  const links = nofollow ? [] : linksOf(document, pageUrl);
  const pageTitle = (document.querySelector('title')?.textContent ?? '').trim();
  const fallbackRoot = document.querySelector('main') ?? document.querySelector('article') ?? document.body ?? document;
  const fallback = htmlToText(fallbackRoot);
  let text = fallback;
  let title = pageTitle;
  try {
    // Readability changes the document it reads, so links and the fallback were taken first.
    const article = new Readability(document as never, { charThreshold: 200 }).parse();
    if (article?.content) {
      const readable = htmlToText(parseDocument(article.content));
      // A page whose "article" is much shorter than its main text (a FAQ list Readability cut down) keeps the main text.
      if (readable.length >= Math.min(500, fallback.length * 0.5)) text = readable;
      title = (article.title ?? '').trim() || pageTitle;
    }
  } catch {
    // Malformed markup Readability cannot walk: the fallback text stands.
  }
  const firstHeading = /^#+\s+(.+)$/m.exec(text)?.[1];
  title = (title || firstHeading || new URL(pageUrl).pathname).slice(0, 300);
  return { title, text, contentHash: contentHash(text), links, noindex: /noindex|none/.test(robots), nofollow };
}

function linksOf(document: DomDocument, pageUrl: string): string[] {
  const base = normalizeUrl(document.querySelector('base[href]')?.getAttribute('href') ?? '', pageUrl) ?? pageUrl;
  const links = new Set<string>();
  for (const anchor of Array.from(document.querySelectorAll('a[href]'))) {
    if (/\bnofollow\b/i.test(anchor.getAttribute('rel') ?? '')) continue;
    const url = normalizeUrl(anchor.getAttribute('href') ?? '', base);
    if (url) links.add(url);
  }
  return [...links];
}
