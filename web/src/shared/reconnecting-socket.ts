import type { ServerEvent } from './api-types.ts';

export interface ReconnectingSocketOptions {
  /** Builds the URL for each attempt (the widget refreshes its visitor token here when the last attempt failed). */
  url: (attempt: { failedInARow: number }) => Promise<string> | string;
  onOpen: () => void;
  onEvent: (event: ServerEvent) => void;
  onStateChange?: (connected: boolean) => void;
  /** First retry delay; doubles per failure up to maxDelayMs, with jitter so many clients do not reconnect at once. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A ping goes out this often; a socket that stays silent for two intervals is treated as dead and replaced. */
  heartbeatMs?: number;
}

/**
 * A WebSocket that reconnects by itself with exponential backoff. It hides nothing else: callers resume their own
 * state in onOpen (the server replays missed messages on `resume`).
 */
export class ReconnectingSocket {
  private socket: WebSocket | null = null;
  private failedInARow = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  private stopped = false;
  private readonly options: Required<Omit<ReconnectingSocketOptions, 'onStateChange'>> &
    Pick<ReconnectingSocketOptions, 'onStateChange'>;

  constructor(options: ReconnectingSocketOptions) {
    this.options = { baseDelayMs: 500, maxDelayMs: 30_000, heartbeatMs: 25_000, ...options };
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeatTimer);
    this.socket?.close(1000);
    this.socket = null;
  }

  /** Sends when connected; returns false otherwise so the caller can fall back (e.g. to REST). */
  send(payload: object): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(payload));
    return true;
  }

  /** Drops the current connection and reconnects at once (used after the network comes back). */
  reconnectNow(): void {
    if (this.stopped || this.connected) return;
    clearTimeout(this.retryTimer);
    this.failedInARow = 0;
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let url: string;
    try {
      url = await this.options.url({ failedInARow: this.failedInARow });
    } catch {
      this.scheduleRetry();
      return;
    }
    if (this.stopped) return;
    const socket = new WebSocket(url);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.failedInARow = 0;
      this.lastHeard = Date.now();
      this.startHeartbeat();
      this.options.onStateChange?.(true);
      this.options.onOpen();
    };
    socket.onmessage = (message) => {
      this.lastHeard = Date.now();
      let event: ServerEvent;
      try {
        event = JSON.parse(String(message.data)) as ServerEvent;
      } catch {
        return;
      }
      if (event.type !== 'pong') this.options.onEvent(event);
    };
    socket.onclose = () => this.dropped(socket, opened);
  }

  /** A closed or silent socket: forget it, tell the caller, try again later. Late close events of old sockets are ignored. */
  private dropped(socket: WebSocket, opened: boolean): void {
    if (this.socket !== socket) return;
    this.socket = null;
    clearInterval(this.heartbeatTimer);
    // Also after a failed attempt, so a widget that never got through says "reconnecting" instead of "connecting".
    this.options.onStateChange?.(false);
    if (!opened) this.failedInARow += 1;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    const { baseDelayMs, maxDelayMs } = this.options;
    const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(this.failedInARow, 16));
    const delay = exponential / 2 + Math.random() * (exponential / 2);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private startHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    const interval = this.options.heartbeatMs;
    this.heartbeatTimer = setInterval(() => {
      const socket = this.socket;
      if (socket && Date.now() - this.lastHeard > interval * 2) {
        // A half-open TCP connection may take minutes to report its close; replace it now.
        socket.close(4000, 'heartbeat timeout');
        this.dropped(socket, true);
        return;
      }
      this.send({ type: 'ping' });
    }, interval);
  }
}
