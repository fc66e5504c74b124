import { describe, expect, it } from 'vitest';
import { extractPage } from './extract.ts';

const ARTICLE = `<!doctype html><html><head><title>退货政策 - 灵犀商城帮助中心</title></head><body>
<nav><a href="/">首页</a> <a href="/help/shipping">配送</a> <a href="https://other.example/">外链</a> <a href="/ads" rel="nofollow">广告</a></nav>
<div class="sidebar"><ul><li><a href="/help/a">热门问题一</a></li><li><a href="/help/b#top">热门问题二</a></li></ul></div>
<main><article><h1>退货政策</h1>
<p>自签收之日起 7 天内，商品完好且不影响二次销售的，可申请无理由退货。退货运费由买家承担，质量问题除外。</p>
<h2>如何申请</h2><p>登录后进入“我的订单”，找到对应订单，点击“申请退货”，填写原因并上传照片。客服会在 24 小时内审核。</p>
<p>审核通过后，请在 3 天内寄回商品，并填写物流单号。我们收到商品后 1-3 个工作日内完成退款，款项原路返回。</p>
<script>track()</script></article></main>
<footer>© 2026 灵犀商城 <a href="/about">关于我们</a></footer></body></html>`;

describe('extractPage', () => {
  it('keeps the article, drops navigation and footer, and lists the links', () => {
    const page = extractPage(ARTICLE, 'https://shop.example/help/returns');
    expect(page.title).toMatch(/退货政策/);
    expect(page.text).toContain('自签收之日起 7 天内');
    expect(page.text).toContain('如何申请');
    expect(page.text).not.toContain('© 2026');
    expect(page.text).not.toContain('track()');
    expect(page.links).toEqual(
      expect.arrayContaining([
        'https://shop.example/',
        'https://shop.example/help/shipping',
        'https://other.example/',
        'https://shop.example/help/b',
      ]),
    );
    expect(page.links).not.toContain('https://shop.example/ads');
    expect(page.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same hash when only the markup around the content changes', () => {
    const a = extractPage(ARTICLE, 'https://shop.example/help/returns');
    const b = extractPage(
      ARTICLE.replace('热门问题一', '本周热门').replace('<footer>', '<footer>新的页脚 '),
      'https://shop.example/help/returns',
    );
    expect(b.contentHash).toBe(a.contentHash);
    const c = extractPage(ARTICLE.replace('7 天内', '15 天内'), 'https://shop.example/help/returns');
    expect(c.contentHash).not.toBe(a.contentHash);
  });

  it('reads a short page without an article, and honours meta robots', () => {
    const page = extractPage(
      '<html><head><meta name="robots" content="noindex, nofollow"></head><body><h1>FAQ</h1><p>Short answer.</p><a href="/x">x</a></body></html>',
      'https://s.example/faq',
    );
    expect(page.title).toBe('FAQ');
    expect(page.text).toMatch(/^#+ FAQ\n\nShort answer\./);
    expect(page.noindex).toBe(true);
    expect(page.links).toEqual([]);
  });
});
