/** URLs as the crawler compares them: absolute http(s), no fragment, lowercase host, no default port. */
const MAX_URL_LENGTH = 2_048;

export function normalizeUrl(raw: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = base === undefined ? new URL(raw.trim()) : new URL(raw.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  url.hash = '';
  const text = url.toString();
  return text.length > MAX_URL_LENGTH ? undefined : text;
}

/** The site a URL belongs to: its host without a leading `www.`, with any non-default port. */
export function siteOf(url: string): string {
  const { hostname, port } = new URL(url);
  return `${hostname.replace(/^www\./, '')}${port ? `:${port}` : ''}`;
}

/** Same site: the same host (www. or not), whether over http or https. Subdomains are other sites. */
export function isSameSite(a: string, b: string): boolean {
  return siteOf(a) === siteOf(b);
}

/** Links to files that are not pages are not worth a request. */
const NOT_PAGES =
  /\.(?:jpe?g|png|gif|webp|svg|ico|bmp|mp[34]|m4a|avi|mov|wmv|flv|zip|rar|7z|gz|tar|exe|dmg|apk|msi|iso|css|js|json|woff2?|ttf|eot|docx?|xlsx?|pptx?|pdf)$/i;

export function looksLikePage(url: string): boolean {
  return !NOT_PAGES.test(new URL(url).pathname);
}
