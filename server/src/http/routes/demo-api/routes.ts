import { z } from 'zod';
import { BotSettings } from '../../../bot/schema.ts';
import { findBotConfig } from '../../../bot/store.ts';
import { fromJson } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { SIGNATURE_HEADER, verifyBodySignature } from '../../../security/signature.ts';
import type { App, AppDeps } from '../../types.ts';

/**
 * The demo shop's own order system, which the demo bot's flows call like any business API: it only answers requests
 * signed with the workspace's action secret. A handful of fixed orders; an address can change until the order ships.
 */
const ORDERS: Record<string, { shipped: boolean; eta: string; item: { zh: string; en: string }; tracking: string }> = {
  SO20261126001: {
    shipped: true,
    eta: '2026-11-28',
    item: { zh: '无线降噪耳机', en: 'Noise-cancelling earbuds' },
    tracking: 'SF1402296751',
  },
  SO20261126002: {
    shipped: false,
    eta: '2026-11-30',
    item: { zh: '保温杯 500ml', en: 'Thermos 500 ml' },
    tracking: '-',
  },
  SO20261126003: {
    shipped: true,
    eta: '2026-11-27',
    item: { zh: '机械键盘', en: 'Mechanical keyboard' },
    tracking: 'YT7781234590',
  },
  SO20261126004: { shipped: false, eta: '2026-12-01', item: { zh: '瑜伽垫', en: 'Yoga mat' }, tracking: '-' },
};

const OrderParams = z.strictObject({ orderNo: z.string().max(40) });
/** Read after the signature check, from the body exactly as signed (no schema may reorder its keys first). */
const ActionBody = z.object({ slots: z.record(z.string(), z.string()).default({}) });

export async function demoApiRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;
  const addresses = new Map<string, string>();

  async function verify(headers: Record<string, unknown>, signed: string): Promise<void> {
    const workspaceId = typeof headers['x-lingxi-workspace'] === 'string' ? headers['x-lingxi-workspace'] : '';
    const config = workspaceId ? await findBotConfig(ctx.db, workspaceId) : undefined;
    const secret = BotSettings.parse(fromJson(config?.settings, {})).actionSecret;
    const header = headers[SIGNATURE_HEADER];
    if (
      !secret ||
      !verifyBodySignature(secret, typeof header === 'string' ? header : undefined, signed, ctx.clock.now())
    ) {
      throw new AppError('unauthenticated', 'Bad or missing signature');
    }
  }
  const view = (orderNo: string) => {
    const order = ORDERS[orderNo];
    if (!order) throw new AppError('not_found', `No order ${orderNo}`);
    return order;
  };

  app.get(
    '/demo-api/orders/:orderNo',
    { config: { policy: 'public' }, schema: { hide: true, params: OrderParams } },
    async (request) => {
      await verify(request.headers, request.url);
      const order = view(request.params.orderNo);
      return {
        orderNo: request.params.orderNo,
        status: order.shipped ? 'shipped' : 'paid',
        statusText: { zh: order.shipped ? '已发货' : '待发货', en: order.shipped ? 'shipped' : 'awaiting shipment' },
        eta: order.eta,
        item: `${order.item.zh} / ${order.item.en}`,
        tracking: order.tracking,
        address: addresses.get(request.params.orderNo) ?? null,
      };
    },
  );

  app.post(
    '/demo-api/orders/:orderNo/address',
    { config: { policy: 'public' }, schema: { hide: true, params: OrderParams } },
    async (request, reply) => {
      await verify(request.headers, JSON.stringify(request.body));
      const body = parseBody(request.body);
      const order = view(request.params.orderNo);
      if (order.shipped) return reply.status(409).send({ error: { code: 'conflict', message: 'Already shipped' } });
      const address = String(body.slots.address ?? '').slice(0, 200);
      addresses.set(request.params.orderNo, address);
      return { orderNo: request.params.orderNo, address };
    },
  );

  app.post('/demo-api/refunds', { config: { policy: 'public' }, schema: { hide: true } }, async (request) => {
    await verify(request.headers, JSON.stringify(request.body));
    const orderNo = String(parseBody(request.body).slots.order_no ?? '');
    view(orderNo);
    return { refundId: `RF${orderNo.slice(-6)}${ctx.clock.now().toString(36).slice(-4).toUpperCase()}`, days: 3 };
  });
}

function parseBody(body: unknown): z.infer<typeof ActionBody> {
  const parsed = ActionBody.safeParse(body);
  if (!parsed.success) throw new AppError('validation_failed', 'Expected {slots: {…}}');
  return parsed.data;
}
