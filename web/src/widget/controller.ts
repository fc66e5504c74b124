import type { MessageView, ServerEvent } from '../shared/api-types.ts';
import { newClientMessageId } from '../shared/client-id.ts';
import { ReconnectingSocket } from '../shared/reconnecting-socket.ts';
import { loadVisitorSecret, type WidgetApi, WidgetApiError } from './api.ts';
import { ChatState } from './chat-state.ts';
import type { WidgetText } from './i18n.ts';
import type { WidgetView } from './view.ts';

/** How long a message sent over the socket may wait for its ack before it is sent again over REST (idempotent). */
const ACK_TIMEOUT_MS = 8_000;

/**
 * The widget's behaviour: one visitor session, the open conversation's history, live messages over the socket with
 * resume after reconnecting, and an outbox that falls back to REST while the socket is down.
 */
export class WidgetController {
  private readonly state = new ChatState();
  private readonly socket: ReconnectingSocket;
  private readonly ackTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private started: Promise<void> | null = null;
  private conversationId: string | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private unread = 0;
  /** Routing-status requests made so far; an answer is applied only if no later request was made. */
  private routingAsked = 0;

  constructor(
    private readonly api: WidgetApi,
    private readonly view: WidgetView,
    private readonly text: WidgetText,
    workspaceKey: string,
  ) {
    this.socket = new ReconnectingSocket({
      // A socket that never opened may have been refused for an expired token: ask for a fresh one.
      url: ({ failedInARow }) => this.api.socketUrl(failedInARow > 0 && failedInARow % 2 === 0),
      onOpen: () => this.resume(),
      onEvent: (event) => this.handle(event),
      onStateChange: (connected) => this.view.setConnection(connected ? 'online' : 'offline'),
    });
    // A returning visitor gets the agent's answers (and the unread badge) without opening the panel first.
    if (loadVisitorSecret(workspaceKey)) void this.start();
    window.addEventListener('online', () => this.socket.reconnectNow());
  }

  toggle(open: boolean): void {
    this.view.setOpen(open);
    if (open) {
      this.unread = 0;
      this.view.setUnread(0);
      void this.start();
    }
  }

  send(text: string): void {
    const clientMessageId = newClientMessageId();
    this.state.addPending(clientMessageId, text);
    this.refresh();
    void this.deliver(clientMessageId, text);
  }

  retry(clientMessageId: string): void {
    const pending = this.state.unconfirmed().find((p) => p.clientMessageId === clientMessageId);
    if (!pending) return;
    this.state.setPendingState(clientMessageId, 'sending');
    this.refresh();
    void this.deliver(clientMessageId, pending.text);
  }

  /** Session, history, then the live socket; retried on the next open if the server was unreachable. */
  private start(): Promise<void> {
    this.started ??= (async () => {
      const session = await this.api.ensureSession();
      this.view.setTitle(session.workspace.name);
      const { conversation, messages } = await this.api.conversation();
      this.conversationId = conversation?.id ?? null;
      this.accept(messages, false);
      this.view.showAlert(null);
      this.socket.start();
    })().catch((error: unknown) => {
      this.started = null;
      this.view.setConnection('offline');
      this.view.showAlert(error instanceof WidgetApiError && !error.retryable ? error.message : this.text.unavailable);
    });
    return this.started;
  }

  private async deliver(clientMessageId: string, text: string): Promise<void> {
    try {
      await this.start();
      if (!this.state.isPending(clientMessageId)) return;
      if (this.socket.send({ type: 'message.send', requestId: clientMessageId, clientMessageId, text })) {
        clearTimeout(this.ackTimers.get(clientMessageId));
        this.ackTimers.set(
          clientMessageId,
          setTimeout(() => void this.postMessage(clientMessageId, text), ACK_TIMEOUT_MS),
        );
        return;
      }
      await this.postMessage(clientMessageId, text);
    } catch {
      this.fail(clientMessageId);
    }
  }

  private async postMessage(clientMessageId: string, text: string): Promise<void> {
    this.ackTimers.delete(clientMessageId);
    if (!this.state.isPending(clientMessageId)) return;
    try {
      const { message } = await this.api.postMessage(clientMessageId, text);
      this.accept([message], false);
    } catch (error) {
      this.fail(clientMessageId, error instanceof WidgetApiError && !error.retryable ? error.message : undefined);
    }
  }

  private fail(clientMessageId: string, reason?: string): void {
    this.state.setPendingState(clientMessageId, 'failed', reason);
    this.refresh();
  }

  /** After (re)connecting: replay what was missed, then push out what is still waiting for an ack. */
  private resume(): void {
    this.socket.send({ type: 'resume', lastSeenMessageId: this.state.lastSeen()?.id ?? null });
    void this.refreshRouting();
    for (const pending of this.state.unconfirmed()) {
      if (pending.state === 'failed' && pending.error) continue; // refused by the server: sending again will not help
      this.state.setPendingState(pending.clientMessageId, 'sending');
      void this.deliver(pending.clientMessageId, pending.text);
    }
    this.refresh();
  }

  private handle(event: ServerEvent): void {
    switch (event.type) {
      case 'message.created':
        this.conversationId = event.conversationId;
        if (event.message.senderType !== 'contact') this.showTyping(false);
        this.accept([event.message], true);
        break;
      case 'typing':
        if (event.senderType !== 'contact') this.showTyping(true);
        break;
      case 'conversation.updated':
        this.conversationId = event.conversation.id;
        if (event.conversation.status === 'resolved') this.view.showSurvey();
        break;
      case 'ack':
        clearTimeout(this.ackTimers.get(event.clientMessageId));
        this.ackTimers.delete(event.clientMessageId);
        this.accept([event.message], false);
        break;
      case 'routing':
        void this.refreshRouting();
        break;
      case 'error':
        if (event.requestId && this.state.isPending(event.requestId)) {
          clearTimeout(this.ackTimers.get(event.requestId));
          this.fail(event.requestId, event.error.message);
        }
        break;
      default:
        break;
    }
  }

  /** Surge announcement and place in line come from the server (the socket only says that something changed). */
  private async refreshRouting(): Promise<void> {
    // Notices come in bursts and answers can overtake each other: only the answer to the latest question counts.
    const asked = ++this.routingAsked;
    try {
      const status = await this.api.routingStatus();
      if (asked !== this.routingAsked) return;
      const announcement = status.botFirst ?? status.waitMessage;
      this.view.setRouting(
        announcement ? announcement[this.text.lang] : null,
        status.queue?.position ?? null,
        status.offer ?? null,
      );
    } catch {
      // the banner is a nicety: the conversation works without it
    }
  }

  private accept(messages: MessageView[], live: boolean): void {
    const fresh = live ? messages.filter((m) => m.senderType !== 'contact') : [];
    if (!this.state.add(messages)) return;
    if (live && !this.view.isOpen() && fresh.length > 0) {
      this.unread += fresh.length;
      this.view.setUnread(this.unread);
    }
    this.refresh();
  }

  /** Rates the conversation that was just resolved. */
  async submitSurvey(answer: { csat: number; nps: number | null; comment: string | null }): Promise<void> {
    if (!this.conversationId) throw new Error('no conversation to rate');
    await this.api.submitSurvey(this.conversationId, answer);
  }

  private showTyping(on: boolean): void {
    clearTimeout(this.typingTimer);
    this.view.setTyping(on);
    // A typing notice that is never followed by a message must not stay for ever.
    if (on) this.typingTimer = setTimeout(() => this.view.setTyping(false), 8_000);
  }

  private refresh(): void {
    this.view.render(this.state.items());
  }
}
