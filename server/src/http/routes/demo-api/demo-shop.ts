import { z } from 'zod';
import { BotSettings } from '../../../bot/schema.ts';
import { findBotConfig } from '../../../bot/store.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { fromJson } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { SIGNATURE_HEADER, verifyBodySignature } from '../../../security/signature.ts';

/**
 * The demo shop's own order system, which the demo bot's flows call like any business API: it only answers requests
 * signed with the workspace's action secret. A handful of fixed orders; an address can change until the order ships.
 * The Fastify routes (routes.ts) and the in-process loopback of flow actions (loopback.ts) share one shop per server.
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

/** Read after the signature check, from the body exactly as signed (no schema may reorder its keys first). */
const ActionBody = z.object({ slots: z.record(z.string(), z.string()).default({}) });

/**
 * How long a workspace's action secret is trusted without reading the bot configuration again: the bot itself
 * re-checks its configuration as often (runtime.ts RECHECK_MS). A signature that fails against the kept secret is
 * checked once more against the stored one, so a new secret works at once; an old one keeps working at most this long.
 */
const SECRET_TTL_MS = 2_000;

export type Headers = Record<string, unknown>;

export interface DemoShop {
  /** Throws `unauthenticated` unless `signed` carries a valid signature of the workspace named in the headers. */
  verify(headers: Headers, signed: string): Promise<void>;
  order(orderNo: string): Record<string, unknown>;
  changeAddress(orderNo: string, body: unknown): { status: number; body: Record<string, unknown> };
  refund(body: unknown): Record<string, unknown>;
}

const SHOPS = new WeakMap<object, DemoShop>();

/** The demo shop of this server (keyed by its database handle, so two servers in one process never share state). */
export function demoShop(ctx: ServiceContext): DemoShop {
  let shop = SHOPS.get(ctx.db);
  if (!shop) {
    shop = createDemoShop(ctx);
    SHOPS.set(ctx.db, shop);
  }
  return shop;
}

function createDemoShop(ctx: ServiceContext): DemoShop {
  const addresses = new Map<string, string>();
  const secrets = new Map<string, { secret: string | undefined; readAt: number }>();

  async function storedSecret(workspaceId: string): Promise<string | undefined> {
    const config = await findBotConfig(ctx.db, workspaceId);
    const secret = BotSettings.parse(fromJson(config?.settings, {})).actionSecret;
    secrets.set(workspaceId, { secret, readAt: Date.now() });
    return secret;
  }

  const view = (orderNo: string) => {
    const order = Object.hasOwn(ORDERS, orderNo) ? ORDERS[orderNo] : undefined;
    if (!order) throw new AppError('not_found', `No order ${orderNo}`);
    return order;
  };

  return {
    async verify(headers, signed) {
      const workspaceId = typeof headers['x-lingxi-workspace'] === 'string' ? headers['x-lingxi-workspace'] : '';
      const header = headers[SIGNATURE_HEADER];
      const valid = (secret: string | undefined) =>
        !!secret &&
        verifyBodySignature(secret, typeof header === 'string' ? header : undefined, signed, ctx.clock.now());
      if (workspaceId) {
        const kept = secrets.get(workspaceId);
        if (kept && Date.now() - kept.readAt < SECRET_TTL_MS && valid(kept.secret)) return;
        if (valid(await storedSecret(workspaceId))) return;
      }
      throw new AppError('unauthenticated', 'Bad or missing signature');
    },
    order(orderNo) {
      const order = view(orderNo);
      return {
        orderNo,
        status: order.shipped ? 'shipped' : 'paid',
        statusText: { zh: order.shipped ? '已发货' : '待发货', en: order.shipped ? 'shipped' : 'awaiting shipment' },
        eta: order.eta,
        item: `${order.item.zh} / ${order.item.en}`,
        tracking: order.tracking,
        address: addresses.get(orderNo) ?? null,
      };
    },
    changeAddress(orderNo, body) {
      const slots = parseBody(body).slots;
      const order = view(orderNo);
      if (order.shipped) return { status: 409, body: { error: { code: 'conflict', message: 'Already shipped' } } };
      const address = String(slots.address ?? '').slice(0, 200);
      addresses.set(orderNo, address);
      return { status: 200, body: { orderNo, address } };
    },
    refund(body) {
      const orderNo = String(parseBody(body).slots.order_no ?? '');
      view(orderNo);
      return { refundId: `RF${orderNo.slice(-6)}${ctx.clock.now().toString(36).slice(-4).toUpperCase()}`, days: 3 };
    },
  };
}

function parseBody(body: unknown): z.infer<typeof ActionBody> {
  const parsed = ActionBody.safeParse(body);
  if (!parsed.success) throw new AppError('validation_failed', 'Expected {slots: {…}}');
  return parsed.data;
}
