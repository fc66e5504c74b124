import { z } from 'zod';
import type { App, AppDeps } from '../../types.ts';
import { demoShop } from './demo-shop.ts';

/** Validated by Fastify here; the in-process loopback (loopback.ts) applies the same limit. */
export const OrderParams = z.strictObject({ orderNo: z.string().max(40) });

/** The demo shop's order API over HTTP (demo-shop.ts), for the demo bot's flows and anyone else who signs. */
export async function demoApiRoutes(app: App, deps: AppDeps): Promise<void> {
  const shop = demoShop(deps.ctx);

  app.get(
    '/demo-api/orders/:orderNo',
    { config: { policy: 'public' }, schema: { hide: true, params: OrderParams } },
    async (request) => {
      await shop.verify(request.headers, request.url);
      return shop.order(request.params.orderNo);
    },
  );

  app.post(
    '/demo-api/orders/:orderNo/address',
    { config: { policy: 'public' }, schema: { hide: true, params: OrderParams } },
    async (request, reply) => {
      await shop.verify(request.headers, JSON.stringify(request.body));
      const answer = shop.changeAddress(request.params.orderNo, request.body);
      return reply.status(answer.status).send(answer.body);
    },
  );

  app.post('/demo-api/refunds', { config: { policy: 'public' }, schema: { hide: true } }, async (request) => {
    await shop.verify(request.headers, JSON.stringify(request.body));
    return shop.refund(request.body);
  });
}
