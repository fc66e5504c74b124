import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Text out of a PDF with Mozilla's pdf.js (the viewer in Firefox). Script evaluation stays off (the fonts path that
 * had an injection bug), and the CJK character maps are given so Chinese PDFs with CID fonts come out as text.
 * Scanned PDFs hold pictures, not text: they give nothing, and the importer says so.
 */
const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));
const MAX_PAGES = 2_000;

export async function pdfToText(bytes: Uint8Array): Promise<{ title: string | null; text: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: `${join(PDFJS_DIR, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(PDFJS_DIR, 'standard_fonts')}/`,
    verbosity: 0,
  });
  const document = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= Math.min(document.numPages, MAX_PAGES); n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text.replace(/[ \t]+\n/g, '\n').trim());
      page.cleanup();
    }
    const info = (await document.getMetadata().catch(() => undefined))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : null;
    return { title, text: pages.filter(Boolean).join('\n\n') };
  } finally {
    await document.destroy();
  }
}
