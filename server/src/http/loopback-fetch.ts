import type { App } from './types.ts';

/** A request to this server as a direct handler sees it: header names in lower case, the body as sent. */
export interface LoopbackRequest {
  method: string;
  path: string;
  /** The query string with its `?`, or ''. */
  query: string;
  headers: Record<string, string>;
  body: string | undefined;
}
/** A JSON answer of a direct handler. */
export interface LoopbackResponse {
  status: number;
  body: unknown;
}
/** Answers the requests it knows in-process; undefined sends the request through the routes. */
export type DirectHandler = (request: LoopbackRequest) => Promise<LoopbackResponse | undefined>;

/**
 * A `fetch` for the bot's flow actions that answers requests to this very server in-process, through Fastify's
 * `inject` (the same routes, hooks, signature checks and schemas as over the network), and sends every other request
 * over the network with `fallback`. The demo business API lives on the server itself; going out through a socket
 * and back in on the same event loop cost more CPU than the rest of a bot turn's flow step. An abort signal (the
 * action's timeout) still applies: the call rejects with the signal's reason, as `fetch` does.
 *
 * `direct` answers some of those requests without even `inject` (Fastify builds a request, a reply and a child
 * logger and runs every hook for each: about 1 ms of CPU); it must answer them as the routes would (the demo shop's
 * does, and is compared with its routes in its test).
 */
export function loopbackFetch(
  app: App,
  selfOrigin: string,
  fallback: typeof fetch = globalThis.fetch,
  direct?: DirectHandler,
): typeof fetch {
  const origin = new URL(selfOrigin).origin;
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== origin || input instanceof Request) return fallback(input, init);
    const signal = init?.signal ?? undefined;
    signal?.throwIfAborted();
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = headersOf(init?.headers);
    const payload = typeof init?.body === 'string' ? init.body : undefined;
    if (direct && (payload !== undefined || init?.body == null)) {
      const handled = direct({ method, path: url.pathname, query: url.search, headers, body: payload });
      const answer = await (signal ? abortable(handled, signal) : handled);
      if (answer) {
        return new Response(JSON.stringify(answer.body), {
          status: answer.status,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        });
      }
    }
    const injected = app.inject({
      method: method as 'GET',
      url: url.pathname + url.search,
      headers,
      payload,
      remoteAddress: '127.0.0.1',
    });
    const response = await (signal ? abortable(injected, signal) : injected);
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, String(one));
    }
    const empty = response.statusCode === 204 || response.statusCode === 304 || init?.method === 'HEAD';
    return new Response(empty ? null : response.rawPayload, { status: response.statusCode, headers: responseHeaders });
  };
}

function headersOf(init: RequestInit['headers']): Record<string, string> {
  if (!init) return {};
  return Object.fromEntries(new Headers(init).entries());
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
