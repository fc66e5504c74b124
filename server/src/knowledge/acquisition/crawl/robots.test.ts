import { describe, expect, it } from 'vitest';
import { parseRobots } from './robots.ts';

const TEXT = `
# 灵犀帮助中心
User-agent: *
Disallow: /admin/
Disallow: /*.php$
Allow: /admin/public/
Disallow: /搜索
Crawl-delay: 1

User-agent: LingxiBot
User-agent: OtherBot
Disallow: /private
Allow: /private/faq

Sitemap: https://help.example.com/sitemap.xml
`;

describe('parseRobots', () => {
  it('uses the group naming our agent, longest rule first', () => {
    const robots = parseRobots(TEXT, 'LingxiBot/1.0 (+https://lingxi.example)');
    expect(robots.isAllowed('https://help.example.com/private/x')).toBe(false);
    expect(robots.isAllowed('https://help.example.com/private/faq/1')).toBe(true);
    expect(robots.isAllowed('https://help.example.com/admin/')).toBe(true);
    expect(robots.crawlDelaySeconds).toBeUndefined();
    expect(robots.sitemaps).toEqual(['https://help.example.com/sitemap.xml']);
  });

  it('falls back to the * group, with wildcards, $ and non-ASCII paths', () => {
    const robots = parseRobots(TEXT, 'SomeBot');
    expect(robots.isAllowed('https://h.example/admin/users')).toBe(false);
    expect(robots.isAllowed('https://h.example/admin/public/a')).toBe(true);
    expect(robots.isAllowed('https://h.example/index.php')).toBe(false);
    expect(robots.isAllowed('https://h.example/index.php?x=1')).toBe(true);
    expect(robots.isAllowed(new URL('https://h.example/搜索?q=退款').toString())).toBe(false);
    expect(robots.isAllowed('https://h.example/faq')).toBe(true);
    expect(robots.crawlDelaySeconds).toBe(1);
  });

  it('allows everything when nothing applies', () => {
    expect(parseRobots('', 'LingxiBot').isAllowed('https://h.example/any')).toBe(true);
    expect(parseRobots('User-agent: Google\nDisallow: /', 'LingxiBot').isAllowed('https://h.example/any')).toBe(true);
  });
});
