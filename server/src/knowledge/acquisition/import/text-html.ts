/** Plain text from a spreadsheet cell or a chat becomes safe HTML: escaped, paragraphs and line breaks kept. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** A cell "looks like HTML" when it holds a real tag; such answers go through the sanitizer instead of escaping. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?(p|br|a|b|strong|i|em|ul|ol|li|img|div|span|table|h[1-6])\b[^>]*>/i.test(text);
}
