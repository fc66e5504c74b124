import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { RawData } from 'ws';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import { isAllowed } from '../../security/policy.ts';
import { REALTIME_PATH, SESSION_COOKIE } from '../authenticate.ts';
import { toAppError } from '../error-handler.ts';
import { policyFor } from '../policies.ts';
import { signedIn } from '../principal.ts';
import type { App, AppDeps } from '../types.ts';
import type { Connection } from './connection.ts';
import { validationError } from './errors.ts';
import { type BusSubscriber, RealtimeHub } from './hub.ts';
import { CLOSE_INVALID_DATA } from './protocol.ts';
import { definitionOf } from './registry.ts';

const WsQuery = z.object({ token: z.string().max(4096).optional() });

/**
 * `GET /api/v1/ws`: the realtime gateway. The socket is authenticated before the upgrade by the same guard as every
 * route (visitors pass their token as `?token=`, browsers cannot set headers on a WebSocket), and each message is
 * validated and checked against its policy like an HTTP request.
 */
export async function realtimeRoutes(app: App, deps: AppDeps, guard: preHandlerAsyncHookHandler): Promise<void> {
  const bus = (deps.infrastructure?.bus ?? deps.ctx.bus) as Partial<BusSubscriber>;
  if (typeof bus.subscribe !== 'function') throw new Error('the realtime gateway needs a bus it can subscribe to');
  const hub = new RealtimeHub(bus as BusSubscriber, deps.ctx);
  app.addHook('onClose', async () => hub.close());

  app.get(
    REALTIME_PATH,
    {
      websocket: true,
      // The same guard as every route (the visitor's `?token=` included), run where the upgrade can still be refused.
      config: { policy: 'realtime.connect' },
      schema: { hide: true, querystring: WsQuery },
      preHandler: [guard, async (request) => checkOrigin(request)],
    },
    (socket, request) => {
      const connection = hub.attach(socket, signedIn(request));
      socket.on('message', (data: RawData) => onFrame(deps, connection, data));
    },
  );
}

/**
 * A cookie rides along with any page's WebSocket, so a socket opened with the session cookie must come from our own
 * origin (cross-site WebSocket hijacking). Token-authenticated sockets carry their credential explicitly.
 */
function checkOrigin(request: FastifyRequest): void {
  if (request.principal.kind !== 'user' || !request.cookies?.[SESSION_COOKIE]) return;
  const origin = request.headers.origin;
  if (origin === undefined) return; // not a browser: browsers always send Origin on WebSocket handshakes
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('forbidden', 'Bad Origin header');
  }
  if (host !== request.headers.host) throw new AppError('forbidden', 'Cross-origin WebSocket refused');
}

function onFrame(deps: AppDeps, connection: Connection, data: RawData): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString());
  } catch {
    sendError(deps.ctx.logger, connection, undefined, new AppError('invalid_json', 'Messages must be JSON'));
    connection.socket.close(CLOSE_INVALID_DATA, 'invalid JSON');
    return;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    sendError(
      deps.ctx.logger,
      connection,
      undefined,
      new AppError('validation_failed', 'A message is a JSON object with a type'),
    );
    return;
  }
  const requestId =
    typeof (parsed as { requestId?: unknown }).requestId === 'string'
      ? (parsed as { requestId: string }).requestId
      : undefined;
  const type = (parsed as { type?: unknown }).type;
  const definition = definitionOf(type);
  if (!definition) {
    sendError(
      deps.ctx.logger,
      connection,
      requestId,
      new AppError('bad_request', `Unknown message type ${JSON.stringify(type)?.slice(0, 40)}`),
    );
    return;
  }
  const policy = policyFor(definition.policy);
  if (!policy || !isAllowed(policy, connection.principal)) {
    sendError(deps.ctx.logger, connection, requestId, new AppError('forbidden', `Not allowed: ${String(type)}`));
    return;
  }
  const checked = definition.schema.safeParse(parsed);
  if (!checked.success) {
    sendError(deps.ctx.logger, connection, requestId, validationError(checked.error));
    return;
  }
  connection.inbound = connection.inbound.then(() =>
    definition
      .handle({ ctx: deps.ctx, connection }, checked.data)
      .catch((error: unknown) => sendError(deps.ctx.logger, connection, requestId, error)),
  );
}

function sendError(logger: Logger, connection: Connection, requestId: string | undefined, error: unknown): void {
  const appError = toAppError(error);
  if (appError.status >= 500) logger.error({ err: error }, 'realtime message failed');
  const { code, message, details } = appError;
  connection.send({
    type: 'error',
    ...(requestId ? { requestId } : {}),
    error: { code, message, ...(details === undefined ? {} : { details }) },
  });
}
