import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local stand-in for a shop's HTTP API that flow actions call; each test decides how it behaves. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type BusinessBehaviour = (request: RecordedRequest) => { status: number; body: string; delayMs?: number };

export interface BusinessApi {
  url: string;
  requests: RecordedRequest[];
  behave(behaviour: BusinessBehaviour): void;
  close(): Promise<void>;
}

/** Orders known to the stand-in; anything else is 404, like a real order system. */
export const ORDERS: Record<string, { status: string; eta: string; shipped: boolean }> = {
  SO20261126001: { status: 'shipped', eta: '2026-11-28', shipped: true },
  SO20261126002: { status: 'paid', eta: '2026-11-30', shipped: false },
};

export const ordersBehaviour: BusinessBehaviour = (request) => {
  const match = /^\/demo-api\/orders\/([^/]+)(\/address)?$/.exec(request.url);
  if (match) {
    const order = ORDERS[decodeURIComponent(match[1] as string)];
    if (!order) return { status: 404, body: JSON.stringify({ error: 'not_found' }) };
    if (match[2]) {
      if (order.shipped) return { status: 409, body: JSON.stringify({ error: 'shipped' }) };
      const { slots } = JSON.parse(request.body) as { slots: { address: string } };
      return { status: 200, body: JSON.stringify({ address: slots.address }) };
    }
    return {
      status: 200,
      body: JSON.stringify({
        status: order.status,
        statusText: { zh: order.shipped ? '已发货' : '待发货', en: order.shipped ? 'shipped' : 'awaiting shipment' },
        eta: order.eta,
        item: '无线耳机 Wireless earbuds',
        tracking: 'SF1234567890',
      }),
    };
  }
  if (request.url === '/demo-api/refunds') return { status: 200, body: JSON.stringify({ refundId: 'RF-1', days: 3 }) };
  return { status: 404, body: '{}' };
};

export async function startBusinessApi(initial: BusinessBehaviour = ordersBehaviour): Promise<BusinessApi> {
  let behaviour = initial;
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = behaviour(recorded);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave(next) {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
