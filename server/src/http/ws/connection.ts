import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { listMessages } from '../../conversations/message-store.ts';
import type { MessageRecord } from '../../conversations/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { AuthenticatedPrincipal } from '../../security/principal.ts';
import { presentMessage } from '../routes/conversations/schema.ts';
import type { ServerMessage } from './protocol.ts';

/** How far one conversation has been delivered to this socket, in seq. */
interface Cursor {
  /** Highest seq delivered (or deliberately skipped: internal notes for visitors). */
  lastSeq: number;
  /** Seqs at or below this were never asked for (the socket joined live); a resume may still fill them. */
  floorSeq: number;
  /** Work on this conversation runs one step after another, so messages leave in seq order. */
  chain: Promise<void>;
  /** Steps queued on `chain` and not finished: while there are none, the next message may leave at once. */
  queued: number;
}

const PAGE = 500;

/**
 * One authenticated socket. Every message it receives, live or replayed, goes through the conversation's cursor:
 * a seq already delivered is dropped (no duplicates), a seq beyond the next one makes the cursor read the gap from
 * the database first (nothing lost, order kept), whatever order the bus delivered events in.
 */
export class Connection {
  readonly isVisitor: boolean;
  private readonly cursors = new Map<string, Cursor>();
  /** A visitor's current conversation, remembered so the next message skips looking it up (checked on write). */
  openConversationId: string | undefined;
  /** Client messages are handled one at a time, in the order they arrived. */
  inbound: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: WebSocket,
    readonly principal: AuthenticatedPrincipal,
    private readonly ctx: Pick<ServiceContext, 'db' | 'logger'>,
  ) {
    this.isVisitor = principal.kind === 'visitor';
  }

  get workspaceId(): string {
    return this.principal.workspaceId;
  }

  /**
   * Sends a frame. `urgent` frames (replies to the client's own request: acks) leave as soon as the code that runs
   * now and its promise callbacks are done; others may wait for the end of the turn (see corkUntilNextTurn).
   */
  send(message: ServerMessage, urgent = false): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.corkUntilNextTurn();
    this.socket.send(JSON.stringify(message));
    if (urgent) this.uncorkSoon();
  }

  private raw: Duplex | undefined;
  private corked = false;
  private uncorkQueued = false;

  /**
   * Frames sent during one event-loop turn leave in one write: a console hearing of many messages in one turn pays one
   * system call, not one per message. Order is unchanged; the frames only wait for the end of the turn.
   */
  private corkUntilNextTurn(): void {
    if (this.corked) return;
    const raw = (this.socket as unknown as { _socket?: Duplex })._socket;
    if (!raw || typeof raw.cork !== 'function') return;
    raw.cork();
    this.raw = raw;
    this.corked = true;
    setImmediate(() => this.uncork());
  }

  /**
   * An ack must not wait for the end of the turn: the bus handlers of the same commit (routing, webhooks …) run as
   * immediates of this turn too, and would go first. A microtask runs before any of them.
   */
  private uncorkSoon(): void {
    if (this.uncorkQueued || !this.corked) return;
    this.uncorkQueued = true;
    queueMicrotask(() => {
      this.uncorkQueued = false;
      this.uncork();
    });
  }

  private uncork(): void {
    if (!this.corked) return;
    this.corked = false;
    this.raw?.uncork();
  }

  /** A live message from the bus. */
  deliver(message: MessageRecord): void {
    const cursor = this.idleCursor(message.conversationId, message.seq - 1);
    if (cursor && message.seq <= cursor.lastSeq + 1) {
      // Nothing queued before it and no gap to read: the common case leaves without a step on the chain.
      if (message.seq <= cursor.lastSeq) return;
      try {
        this.sendMessage(message);
      } catch (error) {
        this.ctx.logger.error({ err: error, conversationId: message.conversationId }, 'realtime delivery failed');
      }
      cursor.lastSeq = message.seq;
      return;
    }
    this.enqueue(message.conversationId, message.seq - 1, async (cursor) => {
      await this.advance(cursor, message, () => this.sendMessage(message));
    });
  }

  /** The sender's acknowledgement, in its place in the conversation's order. */
  acknowledge(message: MessageRecord, duplicate: boolean, requestId: string | undefined): Promise<void> {
    const ack = () =>
      this.send(
        {
          type: 'ack',
          ...(requestId ? { requestId } : {}),
          clientMessageId: message.clientMessageId,
          message: presentMessage(message),
        },
        true,
      );
    const startSeq = duplicate ? message.seq : message.seq - 1;
    const cursor = this.idleCursor(message.conversationId, startSeq);
    if (cursor && (duplicate || message.seq <= cursor.lastSeq + 1)) {
      // Nothing queued before it and no gap to read: the ack leaves now, as the queued step would.
      try {
        ack();
      } catch (error) {
        this.ctx.logger.error({ err: error, conversationId: message.conversationId }, 'realtime delivery failed');
        return Promise.reject(error);
      }
      if (!duplicate && message.seq > cursor.lastSeq) cursor.lastSeq = message.seq;
      return Promise.resolve();
    }
    return this.enqueue(message.conversationId, startSeq, async (cursor) => {
      if (duplicate || message.seq <= cursor.lastSeq) return ack();
      await this.advance(cursor, message, ack);
    });
  }

  /** Replays what the client missed after `seenSeq` (0: everything), then live delivery goes on from there. */
  resume(conversationId: string, seenSeq: number): Promise<void> {
    return this.enqueue(conversationId, seenSeq, async (cursor) => {
      const floor = cursor.floorSeq;
      const last = cursor.lastSeq;
      cursor.floorSeq = Math.min(floor, seenSeq);
      for (let after = seenSeq; ; ) {
        const page = await this.read(conversationId, after, undefined);
        for (const m of page) {
          // Skip what this socket already got live; fill what it joined too late to see.
          if (m.seq <= floor || m.seq > last) {
            this.sendMessage(m);
            if (m.seq > cursor.lastSeq) cursor.lastSeq = m.seq;
          }
        }
        if (page.length < PAGE) break;
        after = (page[page.length - 1] as MessageRecord).seq;
      }
    });
  }

  private async advance(cursor: Cursor, message: MessageRecord, emit: () => void): Promise<void> {
    if (message.seq <= cursor.lastSeq) return;
    while (message.seq > cursor.lastSeq + 1) {
      const gap = await this.read(message.conversationId, cursor.lastSeq, message.seq - 1);
      if (gap.length === 0) break;
      for (const m of gap) this.sendMessage(m);
      cursor.lastSeq = (gap[gap.length - 1] as MessageRecord).seq;
    }
    emit();
    cursor.lastSeq = message.seq;
  }

  private sendMessage(message: MessageRecord): void {
    // Visitors never see internal notes; the cursor still moves past them.
    if (this.isVisitor && message.private) return;
    this.send({ type: 'message.created', conversationId: message.conversationId, message: presentMessage(message) });
  }

  private read(conversationId: string, afterSeq: number, untilSeq: number | undefined) {
    return listMessages(this.ctx.db, this.workspaceId, conversationId, {
      afterSeq,
      untilSeq,
      includePrivate: true,
      limit: PAGE,
    });
  }

  /**
   * Runs `work` after everything already queued for the conversation. A cursor made by live delivery starts just
   * before the first message it sees; one made by a resume starts at the resume point.
   */
  private enqueue(conversationId: string, startSeq: number, work: (cursor: Cursor) => Promise<void>): Promise<void> {
    let cursor = this.cursors.get(conversationId);
    if (!cursor) {
      cursor = { lastSeq: Number.NaN, floorSeq: Number.NaN, chain: Promise.resolve(), queued: 0 };
      this.cursors.set(conversationId, cursor);
    }
    const current = cursor;
    current.queued++;
    const run = current.chain.then(async () => {
      if (Number.isNaN(current.lastSeq)) {
        current.lastSeq = startSeq;
        current.floorSeq = startSeq;
      }
      await work(current);
    });
    current.chain = run.then(
      () => {
        current.queued--;
      },
      (error: unknown) => {
        current.queued--;
        this.ctx.logger.error({ err: error, conversationId }, 'realtime delivery failed');
      },
    );
    return run;
  }

  /**
   * The conversation's cursor when no step is queued on it (made here, starting at `startSeq`, for a conversation
   * this socket has not seen): then a message that needs no gap read may leave at once, in the same order a queued
   * step would give it. Undefined while steps are queued.
   */
  private idleCursor(conversationId: string, startSeq: number): Cursor | undefined {
    let cursor = this.cursors.get(conversationId);
    if (!cursor) {
      cursor = { lastSeq: startSeq, floorSeq: startSeq, chain: Promise.resolve(), queued: 0 };
      this.cursors.set(conversationId, cursor);
      return cursor;
    }
    return cursor.queued === 0 && !Number.isNaN(cursor.lastSeq) ? cursor : undefined;
  }
}
