import type { ServiceContext } from '../../../platform/context.ts';
import { toAppError } from '../../error-handler.ts';
import type { LoopbackRequest, LoopbackResponse } from '../../loopback-fetch.ts';
import { demoShop } from './demo-shop.ts';
import { OrderParams } from './routes.ts';

const ORDER = /^\/demo-api\/orders\/([^/]+)$/;
const ADDRESS = /^\/demo-api\/orders\/([^/]+)\/address$/;

/**
 * The demo shop answered in-process for the bot's own flow actions, without Fastify's request machinery (a request
 * object, a child logger, hooks, serialization: about 1 ms of CPU per action, more than the rest of the flow step).
 * It takes only the well-formed requests the flows send: a GET of an order, a JSON POST of an address or a refund,
 * and the same answers as the routes (routes.ts: same shop, same signature check, same error bodies; compared in
 * server/test/demo-shop-loopback.test.ts). Anything else (another path or method, another content type, a bad JSON
 * body, an over-long order number) returns undefined and goes through the real routes.
 */
export function demoShopLoopback(
  ctx: ServiceContext,
): (request: LoopbackRequest) => Promise<LoopbackResponse | undefined> {
  const shop = demoShop(ctx);
  return async ({ method, path, query, headers, body }) => {
    if (!path.startsWith('/demo-api/')) return undefined;
    if (method === 'GET') {
      const orderNo = paramOf(ORDER, path);
      if (orderNo === undefined) return undefined;
      return answer(ctx, async () => {
        await shop.verify(headers, path + query);
        return { status: 200, body: shop.order(orderNo) };
      });
    }
    if (method !== 'POST' || !isJson(headers['content-type']) || body === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
    // The flows send an object; any other JSON root goes through the routes.
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const signed = JSON.stringify(parsed);
    if (path === '/demo-api/refunds') {
      return answer(ctx, async () => {
        await shop.verify(headers, signed);
        return { status: 200, body: shop.refund(parsed) };
      });
    }
    const orderNo = paramOf(ADDRESS, path);
    if (orderNo === undefined) return undefined;
    return answer(ctx, async () => {
      await shop.verify(headers, signed);
      return shop.changeAddress(orderNo, parsed);
    });
  };
}

/** The decoded path parameter, or undefined when the routes' own validation should judge it (bad escape, too long). */
function paramOf(pattern: RegExp, path: string): string | undefined {
  const raw = pattern.exec(path)?.[1];
  if (raw === undefined) return undefined;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return OrderParams.shape.orderNo.safeParse(value).success ? value : undefined;
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType);
}

/** Errors in the routes' shape (error-handler.ts): a refusal with its status, anything unexpected a logged 500. */
async function answer(ctx: ServiceContext, work: () => Promise<LoopbackResponse>): Promise<LoopbackResponse> {
  try {
    return await work();
  } catch (error) {
    const appError = toAppError(error);
    if (appError.status >= 500) ctx.logger.error({ err: error }, 'demo shop request failed');
    return { status: appError.status, body: appError.toJSON() };
  }
}
