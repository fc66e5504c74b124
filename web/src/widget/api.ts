import { isApiErrorBody, type MessageView } from '../shared/api-types.ts';

export interface WidgetSession {
  token: string;
  visitorSecret: string;
  contactId: string;
  workspace: { name: string; locale: string };
}

/** An API answer that is not 2xx. `retryable` is true for network failures and 5xx, where sending again may work. */
export class WidgetApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

const secretKey = (workspaceKey: string) => `lingxi.visitor.${workspaceKey}`;

/** localStorage can throw (blocked storage, sandboxed frames): the widget then works for this page view only. */
export function loadVisitorSecret(workspaceKey: string): string | null {
  try {
    return localStorage.getItem(secretKey(workspaceKey));
  } catch {
    return null;
  }
}

function saveVisitorSecret(workspaceKey: string, secret: string): void {
  try {
    localStorage.setItem(secretKey(workspaceKey), secret);
  } catch {
    // Without storage the visitor simply starts fresh on the next page view.
  }
}

/** Talks to the widget endpoints of the server the script was loaded from (the host page may live elsewhere). */
export class WidgetApi {
  private session: WidgetSession | null = null;
  private sessionRequest: Promise<WidgetSession> | null = null;

  constructor(
    readonly origin: string,
    private readonly workspaceKey: string,
    private readonly locale: string,
  ) {}

  /** The visitor session, created once; `refresh` asks for a new token (e.g. after the old one expired). */
  ensureSession(refresh = false): Promise<WidgetSession> {
    if (this.session && !refresh) return Promise.resolve(this.session);
    if (!this.sessionRequest) {
      this.sessionRequest = this.createSession().finally(() => {
        this.sessionRequest = null;
      });
    }
    return this.sessionRequest;
  }

  async conversation(): Promise<{ conversation: { id: string } | null; messages: MessageView[] }> {
    return this.authed('GET', '/api/v1/widget/conversation');
  }

  async postMessage(clientMessageId: string, text: string): Promise<{ message: MessageView }> {
    return this.authed('POST', '/api/v1/widget/messages', { clientMessageId, text });
  }

  async submitSurvey(conversationId: string, answer: { csat: number; nps: number | null; comment: string | null }) {
    return this.authed('POST', '/api/v1/widget/survey', { conversationId, ...answer });
  }

  /** An active surge plan's announcement, its queue-cap offer, and the visitor's place in line if they wait. */
  async routingStatus(): Promise<{
    botFirst: { zh: string; en: string } | null;
    waitMessage: { zh: string; en: string } | null;
    queue: { position: number; team: string } | null;
    /** The line is over an active plan's cap: offer this instead of waiting. */
    offer: 'leave_message' | 'callback' | null;
  }> {
    return this.authed('GET', '/api/v1/widget/routing-status');
  }

  async socketUrl(refresh: boolean): Promise<string> {
    const session = await this.ensureSession(refresh);
    const url = new URL('/api/v1/ws', this.origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', session.token);
    return url.toString();
  }

  private async createSession(): Promise<WidgetSession> {
    const visitorSecret = loadVisitorSecret(this.workspaceKey) ?? undefined;
    const session = await request<WidgetSession>(this.origin, 'POST', '/api/v1/widget/session', undefined, {
      workspaceKey: this.workspaceKey,
      visitorSecret,
      locale: this.locale,
    });
    saveVisitorSecret(this.workspaceKey, session.visitorSecret);
    this.session = session;
    return session;
  }

  /** A request with the visitor token; one 401 gets a fresh token and one more try. */
  private async authed<T>(method: string, path: string, body?: unknown): Promise<T> {
    const session = await this.ensureSession();
    try {
      return await request<T>(this.origin, method, path, session.token, body);
    } catch (error) {
      if (!(error instanceof WidgetApiError) || error.status !== 401) throw error;
      const fresh = await this.ensureSession(true);
      return request<T>(this.origin, method, path, fresh.token, body);
    }
  }
}

async function request<T>(origin: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(new URL(path, origin), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
    });
  } catch (error) {
    throw new WidgetApiError(0, 'network_error', error instanceof Error ? error.message : 'Network error');
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isApiErrorBody(payload)) throw new WidgetApiError(response.status, payload.error.code, payload.error.message);
    throw new WidgetApiError(response.status, 'http_error', `HTTP ${response.status}`);
  }
  return payload as T;
}
