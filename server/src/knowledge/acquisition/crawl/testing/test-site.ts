import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';

/**
 * A help-centre web site on 127.0.0.1 for crawler tests and the crawl benchmark: a home page, sections, article
 * pages with navigation chrome, robots.txt, a sitemap index, a disallowed area, redirects that stay, leave the site
 * or loop, a non-HTML file, a GBK-encoded page, and a sitemap bomb. `edit(n)` changes an article's text.
 */
export interface TestSite {
  url: string;
  pages: number;
  /** Requests served, by path (to check what the crawler did and did not fetch). */
  hits: Map<string, number>;
  /** Changes article n's content (the next crawl must see it as changed). */
  edit(n: number, text: string): void;
  close(): Promise<void>;
}

const SECTIONS = 10;
const TOPICS = ['退款', '发票', '配送', '会员', '优惠券', '售后', '账户安全', '支付', '退货', '积分'];

function articleText(n: number): string {
  const topic = TOPICS[n % TOPICS.length];
  return [
    `关于${topic}的第 ${n} 篇说明。自签收之日起 7 天内，商品完好的可以申请${topic}相关服务，审核将在 24 小时内完成。`,
    `如需帮助，请在“我的订单”中找到订单 ${100000 + n}，点击“联系客服”。Our team answers within one business day; article ${n} explains the details.`,
    `注意事项：特价商品、定制商品除外；${topic}金额按实际支付计算，优惠部分不予退还。第 ${n} 篇最后更新于 2026 年。`,
  ].join('</p><p>');
}

function layout(title: string, main: string, links: string[]): string {
  const nav =
    '<nav><a href="/">首页</a> <a href="/section/0">帮助中心</a> <a href="/private/admin">后台</a> <a href="https://other.example/">合作伙伴</a></nav>';
  const aside = `<aside><h3>相关链接</h3><ul>${links.map((l) => `<li><a href="${l}">${l}</a></li>`).join('')}</ul></aside>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title} - 灵犀帮助中心</title></head><body>${nav}<main><article><h1>${title}</h1>${main}</article></main>${aside}<footer>© 2026 灵犀 · <a href="/about#team">关于</a></footer></body></html>`;
}

export async function startTestSite(options: { pages?: number } = {}): Promise<TestSite> {
  const pages = options.pages ?? 60;
  const perSection = Math.ceil(pages / SECTIONS);
  const edits = new Map<number, string>();
  const hits = new Map<string, number>();
  let origin = '';
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const html = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      response.end(body);
    };
    const redirect = (to: string) => {
      response.writeHead(302, { location: to });
      response.end();
    };
    const section = /^\/section\/(\d+)$/.exec(path);
    const page = /^\/page\/(\d+)$/.exec(path);
    const bomb = /^\/bomb\/(\d+)\.xml$/.exec(path);
    if (path === '/robots.txt') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(`User-agent: *\nDisallow: /private/\n\nSitemap: ${origin}/sitemap.xml\n`);
    } else if (path === '/') {
      const sections = Array.from({ length: SECTIONS }, (_, s) => `/section/${s}`);
      html(
        200,
        layout(
          '灵犀帮助中心',
          `<p>欢迎来到帮助中心。请选择分类。</p><ul>${sections.map((s) => `<li><a href="${s}">${s}</a></li>`).join('')}</ul><p><a href="/redirect/ok">旧链接</a> <a href="/redirect/offsite">外部</a> <a href="/redirect/loop-a">循环</a> <a href="/files/guide.pdf">下载</a> <a href="/gbk">GBK</a> <a href="/missing">失效</a></p>`,
          [],
        ),
      );
    } else if (section) {
      const s = Number(section[1]);
      if (s >= SECTIONS) return html(404, 'not found');
      const links = [];
      for (let n = s * perSection; n < Math.min(pages, (s + 1) * perSection); n++)
        links.push(`<li><a href="/page/${n}">文章 ${n}</a></li>`);
      html(
        200,
        layout(`${TOPICS[s]}专区`, `<p>${TOPICS[s]}相关的常见问题。</p><ul>${links.join('')}</ul>`, [
          `/section/${(s + 1) % SECTIONS}`,
        ]),
      );
    } else if (page) {
      const n = Number(page[1]);
      if (n >= pages) return html(404, 'not found');
      const related = [n + 1, n + 2, n - 1].filter((k) => k >= 0 && k < pages).map((k) => `/page/${k}`);
      html(200, layout(`${TOPICS[n % TOPICS.length]}说明 ${n}`, `<p>${edits.get(n) ?? articleText(n)}</p>`, related));
    } else if (path === '/redirect/ok') redirect('/page/0');
    else if (path === '/redirect/offsite') redirect('https://evil.example/phish');
    else if (path === '/redirect/loop-a') redirect('/redirect/loop-b');
    else if (path === '/redirect/loop-b') redirect(`${origin}/redirect/loop-a`);
    else if (path === '/files/guide.pdf' || path === '/download') {
      response.writeHead(200, { 'content-type': 'application/pdf' });
      response.end('%PDF-1.4');
    } else if (path === '/gbk') {
      response.writeHead(200, { 'content-type': 'text/html; charset=gbk' });
      response.end(
        iconv.encode(
          '<html><head><title>GBK 页面</title></head><body><main><h1>积分规则</h1><p>每消费 1 元积 1 分，积分可抵扣现金，100 积分抵 1 元。积分有效期为两年，过期自动清零，请及时使用。</p></main></body></html>',
          'gbk',
        ),
      );
    } else if (path === '/sitemap.xml') {
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.end(`<sitemapindex><sitemap><loc>${origin}/sitemap-pages.xml</loc></sitemap></sitemapindex>`);
    } else if (path === '/sitemap-pages.xml') {
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.end(
        `<urlset>${Array.from({ length: pages }, (_, n) => `<url><loc>${origin}/page/${n}</loc></url>`).join('')}</urlset>`,
      );
    } else if (bomb) {
      // Every index points at two deeper ones (the query makes the copy a distinct URL): a tree without end.
      const d = Number(bomb[1]);
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.end(
        `<sitemapindex><sitemap><loc>${origin}/bomb/${d + 1}.xml</loc></sitemap><sitemap><loc>${origin}/bomb/${d + 1}.xml?copy</loc></sitemap></sitemapindex>`,
      );
    } else html(404, layout('页面不存在', '<p>404</p>', []));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    pages,
    hits,
    edit(n, text) {
      edits.set(n, text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
