import type { WebSocket } from 'ws';
import type { ConversationUpdatedPayload, MessageCreatedPayload, TypingPayload } from '../../conversations/events.ts';
import { CONVERSATION_TOPICS } from '../../conversations/events.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { setPresence } from '../../routing/commands/set-presence.ts';
import type { AuthenticatedPrincipal } from '../../security/principal.ts';
import { presentConversation } from '../routes/conversations/schema.ts';
import { presentWidgetConversation } from '../routes/widget/schema.ts';
import { Connection } from './connection.ts';

const ROUTING_NEWS = [
  'conversation.assigned',
  'routing.queue_changed',
  'routing.surge_changed',
  'routing.silent_join',
  'agent.presence_changed',
] as const;

/**
 * Visitors hear that a line moved at most this often per workspace (the first change at once, the rest folded into
 * one notice at the end of the window). The notice carries nothing, and every widget that hears it asks for its place
 * over HTTP: 200 conversations queued in one second would otherwise make 200 × 200 notices and as many requests.
 */
export const QUEUE_NOTICE_MS = 500;

/** The part of the bus the hub needs; the embedded bus and the Redis bus both fit. */
export interface BusSubscriber {
  subscribe(
    topic: string,
    handler: (event: { workspaceId: string; payload: unknown }, topic: string) => void | Promise<void>,
  ): () => void;
}

/**
 * Fans bus events out to the sockets of this process that may see them: a conversation's own visitor, and the
 * console users (and integrations) of its workspace. Each process runs one hub; with the Redis bus every process
 * hears every event, so a socket gets its events whichever process stored the message.
 */
export class RealtimeHub {
  private readonly staff = new Map<string, Set<Connection>>();
  private readonly visitors = new Map<string, Set<Connection>>();
  private readonly unsubscribe: Array<() => void>;
  /** Per workspace: a queue notice was sent within the window; `pending` when another one is owed at its end. */
  private readonly queueNotices = new Map<string, { pending: boolean; timer: NodeJS.Timeout }>();

  constructor(
    bus: BusSubscriber,
    private readonly ctx: ServiceContext,
  ) {
    this.unsubscribe = [
      bus.subscribe(CONVERSATION_TOPICS.messageCreated, (event) =>
        this.onMessage(event.workspaceId, event.payload as MessageCreatedPayload),
      ),
      bus.subscribe(CONVERSATION_TOPICS.conversationUpdated, (event) =>
        this.onConversation(event.workspaceId, event.payload as ConversationUpdatedPayload),
      ),
      bus.subscribe(CONVERSATION_TOPICS.typing, (event) =>
        this.onTyping(event.workspaceId, event.payload as TypingPayload),
      ),
      ...ROUTING_NEWS.map((topic) =>
        bus.subscribe(topic, (event) =>
          this.onRouting(event.workspaceId, topic, event.payload as Record<string, unknown>),
        ),
      ),
    ];
  }

  /** Registers a socket; returns its connection. The connection leaves the hub when the socket closes. */
  attach(socket: WebSocket, principal: AuthenticatedPrincipal): Connection {
    const connection = new Connection(socket, principal, this.ctx);
    const [index, key] = this.indexOf(principal);
    let set = index.get(key);
    if (!set) {
      set = new Set();
      index.set(key, set);
    }
    set.add(connection);
    socket.once('close', () => {
      set.delete(connection);
      if (set.size === 0) index.delete(key);
      void this.markAwayIfGone(principal);
    });
    return connection;
  }

  get size(): number {
    let n = 0;
    for (const set of [...this.staff.values(), ...this.visitors.values()]) n += set.size;
    return n;
  }

  close(): void {
    for (const stop of this.unsubscribe) stop();
    for (const notice of this.queueNotices.values()) clearTimeout(notice.timer);
    this.queueNotices.clear();
    for (const set of [...this.staff.values(), ...this.visitors.values()]) {
      for (const connection of set) connection.socket.close(1001, 'server shutting down');
    }
  }

  private indexOf(principal: AuthenticatedPrincipal): [Map<string, Set<Connection>>, string] {
    return principal.kind === 'visitor' ? [this.visitors, principal.contactId] : [this.staff, principal.workspaceId];
  }

  /** Calls `visit` for each socket that may see the conversation's news (no arrays copied: it runs for every message). */
  private forAudience(workspaceId: string, contactId: string, visit: (connection: Connection) => void): void {
    const own = this.visitors.get(contactId);
    if (own) for (const connection of own) if (connection.workspaceId === workspaceId) visit(connection);
    const staff = this.staff.get(workspaceId);
    if (staff) for (const connection of staff) visit(connection);
  }

  private onMessage(workspaceId: string, payload: MessageCreatedPayload): void {
    this.forAudience(workspaceId, payload.conversation.contactId, (connection) => connection.deliver(payload.message));
  }

  private onConversation(workspaceId: string, payload: ConversationUpdatedPayload): void {
    this.forAudience(workspaceId, payload.conversation.contactId, (connection) => {
      const conversation = connection.isVisitor
        ? presentWidgetConversation(payload.conversation)
        : presentConversation(payload.conversation);
      connection.send({ type: 'conversation.updated', conversation });
    });
  }

  private onTyping(workspaceId: string, payload: TypingPayload): void {
    this.forAudience(workspaceId, payload.contactId, (connection) => {
      // Nobody needs to hear their own side typing.
      if (connection.isVisitor === (payload.senderType === 'contact')) return;
      connection.send({ type: 'typing', conversationId: payload.conversationId, senderType: payload.senderType });
    });
  }

  /**
   * Routing news reaches the workspace's consoles in full; visitors only learn that a surge plan changed (its public
   * announcement) or that the line moved (the widget then asks for its own place), never who holds what.
   */
  private onRouting(workspaceId: string, topic: string, payload: Record<string, unknown>): void {
    for (const connection of this.staff.get(workspaceId) ?? [])
      connection.send({ type: 'routing', event: topic, data: payload });
    if (topic === 'routing.surge_changed') {
      const data = { active: payload.active, botFirst: payload.botFirst, waitMessage: payload.waitMessage };
      this.tellVisitors(workspaceId, topic, data);
    } else if (topic === 'routing.queue_changed') {
      this.noticeQueueChange(workspaceId);
    }
  }

  private noticeQueueChange(workspaceId: string): void {
    const notice = this.queueNotices.get(workspaceId);
    if (notice) {
      notice.pending = true;
      return;
    }
    this.tellVisitors(workspaceId, 'routing.queue_changed', {});
    const endWindow = () => {
      const current = this.queueNotices.get(workspaceId);
      if (!current?.pending) {
        this.queueNotices.delete(workspaceId);
        return;
      }
      current.pending = false;
      this.tellVisitors(workspaceId, 'routing.queue_changed', {});
      current.timer = setTimeout(endWindow, QUEUE_NOTICE_MS);
      current.timer.unref();
    };
    const timer = setTimeout(endWindow, QUEUE_NOTICE_MS);
    timer.unref();
    this.queueNotices.set(workspaceId, { pending: false, timer });
  }

  private tellVisitors(workspaceId: string, event: string, data: Record<string, unknown>): void {
    for (const set of this.visitors.values()) {
      for (const connection of set) {
        if (connection.workspaceId === workspaceId) connection.send({ type: 'routing', event, data });
      }
    }
  }

  /** An agent whose last socket closed is away (not offline: they may be reconnecting). */
  private async markAwayIfGone(principal: AuthenticatedPrincipal): Promise<void> {
    if (principal.kind !== 'user') return;
    const stillHere = [...(this.staff.get(principal.workspaceId) ?? [])].some(
      (c) => c.principal.kind === 'user' && c.principal.userId === principal.userId,
    );
    if (stillHere) return;
    await setPresence(this.ctx, {
      workspaceId: principal.workspaceId,
      userId: principal.userId,
      status: 'away',
      onlyIf: 'online',
    }).catch((error: unknown) => this.ctx.logger.warn({ err: error }, 'could not mark agent away'));
  }
}
