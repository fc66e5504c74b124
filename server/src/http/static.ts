import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { escapeHtml } from './escape.ts';
import type { App, AppDeps } from './types.ts';

/**
 * The built console (web/dist/console, a single-page app under /console) and the widget bundle (web/dist/widget,
 * served as /widget.js), plus /demo: a shop page that embeds the widget for the demo workspace.
 */
export async function staticRoutes(app: App, deps: AppDeps): Promise<void> {
  const dist = deps.webDist;
  const consoleDir = dist ? join(dist, 'console') : undefined;
  const widgetDir = dist ? join(dist, 'widget') : undefined;

  if (consoleDir && existsSync(consoleDir)) {
    await app.register(fastifyStatic, {
      root: consoleDir,
      prefix: '/console/',
      decorateReply: true,
      index: false,
      wildcard: false,
    });
  }
  if (widgetDir && existsSync(widgetDir)) {
    await app.register(fastifyStatic, { root: widgetDir, prefix: '/widget/', decorateReply: false, index: false });
  }

  const consoleIndex = async (_request: unknown, reply: import('fastify').FastifyReply) => {
    if (!consoleDir || !existsSync(join(consoleDir, 'index.html'))) {
      return reply.status(503).type('text/plain; charset=utf-8').send('Console not built: run `npm run build:web`');
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html', consoleDir);
  };
  app.get('/console', { config: { static: true }, schema: { hide: true } }, consoleIndex);
  app.get('/console/*', { config: { static: true }, schema: { hide: true } }, async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    if (consoleDir && path && /\.[a-z0-9]+$/i.test(path) && existsSync(join(consoleDir, path)))
      return reply.sendFile(path, consoleDir);
    return consoleIndex(request, reply);
  });

  app.get('/widget.js', { config: { static: true }, schema: { hide: true } }, async (_request, reply) => {
    if (!widgetDir || !existsSync(join(widgetDir, 'widget.js'))) return reply.status(404).send('widget not built');
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .sendFile('widget.js', widgetDir);
  });

  app.get('/', { config: { static: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.redirect('/console'),
  );

  app.get('/demo', { config: { static: true }, schema: { hide: true } }, async (_request, reply) => {
    const workspace = await deps.ctx.db
      .selectFrom('workspaces')
      .select(['name', 'widget_key'])
      .orderBy('created_at')
      .executeTakeFirst();
    if (!workspace) return reply.status(404).type('text/plain; charset=utf-8').send('No demo workspace');
    return reply.type('text/html; charset=utf-8').send(demoPage(workspace.name, workspace.widget_key));
  });
}

function demoPage(name: string, widgetKey: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(name)} · Lingxi demo</title>
<style>body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f6f7f9;color:#1f2328}
header{background:#c2410c;color:#fff;padding:16px 24px}main{max-width:880px;margin:24px auto;padding:0 16px}
.card{background:#fff;border-radius:8px;padding:16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}</style>
</head>
<body>
<header><h1>${escapeHtml(name)}</h1><p>这是一个嵌入了灵犀客服挂件的演示商店页面。This demo shop page embeds the Lingxi chat widget.</p></header>
<main>
<div class="card"><h2>新品上市 · New arrivals</h2><p>iPhone 15 ¥5,999 · AirPods Pro ¥1,899 · 小米手环 ¥249</p></div>
<div class="card"><h2>售后服务 · After-sales</h2><p>7 天无理由退货 · 7-day no-questions returns. 点击右下角的按钮联系客服 / Click the button at the bottom right to chat.</p></div>
</main>
<script src="/widget.js" data-workspace-key="${escapeHtml(widgetKey)}" async></script>
</body>
</html>`;
}
