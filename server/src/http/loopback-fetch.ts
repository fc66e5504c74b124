import type { App } from './types.ts';

/**
 * A `fetch` for the bot's flow actions that answers requests to this very server in-process, through Fastify's
 * `inject` (the same routes, hooks, signature checks and schemas as over the network), and sends every other request
 * over the network with `fallback`. The demo business API lives on the server itself; going out through a socket
 * and back in on the same event loop cost more CPU than the rest of a bot turn's flow step. An abort signal (the
 * action's timeout) still applies: the call rejects with the signal's reason, as `fetch` does.
 */
export function loopbackFetch(app: App, selfOrigin: string, fallback: typeof fetch = globalThis.fetch): typeof fetch {
  const origin = new URL(selfOrigin).origin;
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== origin || input instanceof Request) return fallback(input, init);
    const signal = init?.signal ?? undefined;
    signal?.throwIfAborted();
    const injected = app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: url.pathname + url.search,
      headers: headersOf(init?.headers),
      payload: typeof init?.body === 'string' ? init.body : undefined,
      remoteAddress: '127.0.0.1',
    });
    const response = await (signal ? abortable(injected, signal) : injected);
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one));
    }
    const empty = response.statusCode === 204 || response.statusCode === 304 || init?.method === 'HEAD';
    return new Response(empty ? null : response.rawPayload, { status: response.statusCode, headers });
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
