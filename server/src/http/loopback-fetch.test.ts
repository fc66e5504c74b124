import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { loopbackFetch } from './loopback-fetch.ts';
import type { App } from './types.ts';

describe('loopbackFetch', () => {
  let app: ReturnType<typeof Fastify> | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  function build() {
    const server = Fastify();
    app = server;
    server.get('/orders/:id', async (request, reply) => {
      const { id } = request.params as { id: string };
      if (id === 'missing') return reply.code(404).send({ error: '订单不存在' });
      return { id, status: '已发货', signature: request.headers['x-sig'] ?? null };
    });
    server.post('/refunds', async (request) => ({ received: request.body }));
    server.get('/slow', async () => new Promise((resolve) => setTimeout(() => resolve({ late: true }), 300)));
    return server as unknown as App;
  }

  it('answers requests to this server in-process, with status, headers, body and the request headers', async () => {
    const calls: string[] = [];
    const fetcher = loopbackFetch(build(), 'http://127.0.0.1:4000', async (input) => {
      calls.push(String(input));
      return new Response('{}');
    });
    const found = await fetcher('http://127.0.0.1:4000/orders/SO1?x=1', { headers: { 'x-sig': 'abc' } });
    expect(found.status).toBe(200);
    expect(found.headers.get('content-type')).toContain('application/json');
    expect(await found.json()).toEqual({ id: 'SO1', status: '已发货', signature: 'abc' });

    const missing = await fetcher(new URL('http://127.0.0.1:4000/orders/missing'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: '订单不存在' });

    const posted = await fetcher('http://127.0.0.1:4000/refunds', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order: 'SO2', reason: '不想要了' }),
    });
    expect(await posted.json()).toEqual({ received: { order: 'SO2', reason: '不想要了' } });
    expect(calls).toEqual([]);
  });

  it('sends requests to any other origin over the network (the fallback)', async () => {
    const calls: string[] = [];
    const fetcher = loopbackFetch(build(), 'http://127.0.0.1:4000', async (input) => {
      calls.push(String(input));
      return new Response('{"ok":true}', { status: 200 });
    });
    const response = await fetcher('https://shop.example.com/orders/SO1');
    expect(await response.json()).toEqual({ ok: true });
    // Another port of the same host is another server.
    await fetcher('http://127.0.0.1:4001/orders/SO1');
    expect(calls).toEqual(['https://shop.example.com/orders/SO1', 'http://127.0.0.1:4001/orders/SO1']);
  });

  it('rejects with the signal’s reason when the timeout fires first, like fetch', async () => {
    const fetcher = loopbackFetch(build(), 'http://127.0.0.1:4000');
    const error = await fetcher('http://127.0.0.1:4000/slow', { signal: AbortSignal.timeout(20) }).catch((e) => e);
    expect((error as Error).name).toBe('TimeoutError');
  });
});
