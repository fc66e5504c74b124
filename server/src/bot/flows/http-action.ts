import { SIGNATURE_HEADER, signBody } from '../../security/signature.ts';
import type { FlowAction } from '../schema.ts';
import { fill } from '../texts.ts';

/** What the business's API answered, reduced to what a reply may use. */
export type ActionResult =
  | { ok: true; status: number; data: Record<string, unknown>; attempts: number }
  | {
      ok: false;
      status: number | null;
      error: 'timeout' | 'network' | 'server_error' | 'garbage' | 'client_error' | 'bad_url';
      attempts: number;
    };

export interface ActionRequest {
  action: FlowAction;
  slots: Record<string, string>;
  context: { workspaceId: string; conversationId: string; intent: string };
  baseUrl: string;
  secret: string;
  now: () => number;
  fetch: typeof fetch;
}

const MAX_RESPONSE_BYTES = 64 * 1024;
/** Stateless without `stream`: one decoder for every response. */
const UTF8 = new TextDecoder();

/**
 * Calls the business's HTTP API for a flow: a signed JSON request, a timeout per attempt, retries with a short
 * backoff on timeouts, network errors and 5xx (never on 4xx: the API has answered), and a JSON object expected back.
 * Anything else (HTML, an array, a huge body) is "garbage": the flow apologizes and hands off rather than guess.
 */
export async function callAction(request: ActionRequest): Promise<ActionResult> {
  const { action, slots } = request;
  let url: URL;
  try {
    const path = fill(
      action.url,
      Object.fromEntries(Object.entries(slots).map(([k, v]) => [k, encodeURIComponent(v)])),
    );
    url = new URL(path, request.baseUrl || undefined);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    return { ok: false, status: null, error: 'bad_url', attempts: 0 };
  }
  const body = JSON.stringify({ ...request.context, slots });
  let last: ActionResult = { ok: false, status: null, error: 'network', attempts: 0 };
  for (let attempt = 1; attempt <= action.retries + 1; attempt++) {
    last = await attemptOnce(request, url, body, attempt);
    if (last.ok || last.error === 'client_error' || last.error === 'garbage') return last;
    if (attempt <= action.retries) await sleep(Math.min(1000, 50 * 2 ** (attempt - 1)));
  }
  return last;
}

async function attemptOnce(request: ActionRequest, url: URL, body: string, attempt: number): Promise<ActionResult> {
  const { action } = request;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': 'Lingxi-Bot/1',
    // Which tenant is asking, so a business serving several workspaces picks the right key to verify with.
    'x-lingxi-workspace': request.context.workspaceId,
  };
  if (action.method === 'POST') headers['content-type'] = 'application/json';
  if (request.secret)
    headers[SIGNATURE_HEADER] = signBody(
      request.secret,
      action.method === 'POST' ? body : url.pathname + url.search,
      request.now(),
    );
  // The attempt's timeout, as AbortSignal.timeout would abort it (a TimeoutError), but cleared once answered:
  // AbortSignal.timeout costs several times the CPU and leaves its timer and signal for the GC.
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    action.timeoutMs,
  );
  try {
    const response = await request.fetch(url, {
      method: action.method,
      headers,
      body: action.method === 'POST' ? body : undefined,
      signal: controller.signal,
      redirect: 'error',
    });
    const text = await readLimited(response);
    if (response.status >= 500) return { ok: false, status: response.status, error: 'server_error', attempts: attempt };
    let data: unknown;
    try {
      data = text === undefined ? undefined : JSON.parse(text);
    } catch {
      data = undefined;
    }
    const isObject = typeof data === 'object' && data !== null && !Array.isArray(data);
    if (response.status >= 400) {
      return { ok: false, status: response.status, error: 'client_error', attempts: attempt };
    }
    if (!isObject) return { ok: false, status: response.status, error: 'garbage', attempts: attempt };
    return { ok: true, status: response.status, data: data as Record<string, unknown>, attempts: attempt };
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    return {
      ok: false,
      status: null,
      error: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network',
      attempts: attempt,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Reads at most MAX_RESPONSE_BYTES; undefined when the body is larger (treated as garbage). */
async function readLimited(response: Response): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    return undefined;
  }
  const buffer = await response.arrayBuffer();
  if (buffer.byteLength > MAX_RESPONSE_BYTES) return undefined;
  return UTF8.decode(buffer);
}

/** Values from the API go into a reply as short, single-line text: no control characters, no walls of text. */
export function safeValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 300);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
