/**
 * robots.txt as RFC 9309 reads it: the group for our user agent (or `*`), the longest matching rule wins, Allow wins
 * a tie, `*` and `$` in paths. Also the Crawl-delay and Sitemap lines, which most sites still use.
 */
interface Rule {
  allow: boolean;
  pattern: RegExp;
  length: number;
}

export interface Robots {
  isAllowed(url: string): boolean;
  /** Seconds between requests asked by the site, if any. */
  crawlDelaySeconds: number | undefined;
  sitemaps: string[];
}

export const ALLOW_ALL: Robots = { isAllowed: () => true, crawlDelaySeconds: undefined, sitemaps: [] };
export const DISALLOW_ALL: Robots = { isAllowed: () => false, crawlDelaySeconds: undefined, sitemaps: [] };

interface Group {
  agents: string[];
  rules: Rule[];
  delay: number | undefined;
}

export function parseRobots(text: string, userAgent: string): Robots {
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.slice(0, 512 * 1024).split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'sitemap') {
      if (value) sitemaps.push(value);
      continue;
    }
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], delay: undefined };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if ((key === 'allow' || key === 'disallow') && value !== '') {
      current.rules.push({ allow: key === 'allow', pattern: toPattern(value), length: value.length });
    } else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.delay = seconds;
    }
  }
  const token = userAgent.toLowerCase().split(/[/\s]/)[0] ?? '';
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && token.startsWith(a)));
  const chosen = mine.length > 0 ? mine : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const delay = chosen.map((g) => g.delay).find((d) => d !== undefined);
  return {
    isAllowed(url: string) {
      const { pathname, search } = new URL(url);
      if (pathname === '/robots.txt') return true;
      const path = pathname + search;
      let best: Rule | undefined;
      for (const rule of rules) {
        if (!rule.pattern.test(path)) continue;
        if (!best || rule.length > best.length || (rule.length === best.length && rule.allow)) best = rule;
      }
      return best?.allow ?? true;
    },
    crawlDelaySeconds: delay,
    sitemaps,
  };
}

function toPattern(path: string): RegExp {
  const anchored = path.endsWith('$');
  const body = (anchored ? path.slice(0, -1) : path)
    .split('*')
    .map((part) => encodePath(part).replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Rules may be written with raw UTF-8 ("/帮助/") while URLs arrive percent-encoded. */
function encodePath(part: string): string {
  return part.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
}
